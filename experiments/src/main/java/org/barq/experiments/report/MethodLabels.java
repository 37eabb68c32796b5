package org.barq.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Names the table columns. A column is a solver, unless the run holds that solver under several settings (grids,
 * reconstruction inputs, or solver options): then what tells them apart is added in brackets, so that different
 * settings are never averaged together. A setting a line does not state does not count as a different one.
 */
final class MethodLabels {
    private MethodLabels() {
    }

    /** A setting that may tell apart two runs of one solver. */
    private record Setting(String name, Function<Variant, String> value) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("grid", Variant::grid),
            new Setting("inputs", Variant::inputs),
            new Setting("", v -> compactOptions(v.solverOptions())));

    /**
     * @param variants the run's variants
     * @return the same variants, each with its column label
     */
    static List<Variant> label(List<Variant> variants) {
        Map<String, List<Setting>> varyingBySolver = new TreeMap<>();
        for (Variant v : variants) {
            varyingBySolver.computeIfAbsent(v.solver(), solver -> varying(variants, solver));
        }
        List<Variant> labelled = new ArrayList<>(variants.size());
        for (Variant v : variants) {
            List<String> parts = new ArrayList<>();
            for (Setting setting : varyingBySolver.get(v.solver())) {
                String value = setting.value().apply(v);
                if (!value.isEmpty()) {
                    parts.add(setting.name().isEmpty() ? value : setting.name() + "=" + value);
                }
            }
            labelled.add(v.withMethod(parts.isEmpty() ? v.solver() : v.solver() + " [" + String.join(", ", parts)
                    + "]"));
        }
        return labelled;
    }

    private static List<Setting> varying(List<Variant> variants, String solver) {
        List<Setting> varying = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            Set<String> values = new TreeSet<>();
            for (Variant v : variants) {
                String value = setting.value().apply(v);
                if (v.solver().equals(solver) && !value.isEmpty()) {
                    values.add(value);
                }
            }
            if (values.size() > 1) {
                varying.add(setting);
            }
        }
        return varying;
    }

    /** @return options as {@code key=value, ...}; "" for none or an empty object */
    private static String compactOptions(String json) {
        if (json.isEmpty()) {
            return "";
        }
        try {
            return String.join(", ", JsonValues.displayLines(JsonValues.MAPPER.readTree(json))).replace(": ", "=");
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
