package org.barq.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Names the table columns. A column is a config entry (its label, which is the solver's name unless the config gave
 * another), unless the run holds that entry under several settings (grids, reconstruction inputs, or solver
 * options, as when results of several configs share a folder): then what tells them apart is added in brackets, so
 * that different settings are never averaged together. A setting a line does not state does not count as a
 * different one.
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
        Map<String, List<Setting>> varyingByEntry = new TreeMap<>();
        for (Variant v : variants) {
            varyingByEntry.computeIfAbsent(v.method(), entry -> varying(variants, entry));
        }
        List<Variant> labelled = new ArrayList<>(variants.size());
        for (Variant v : variants) {
            List<String> parts = new ArrayList<>();
            for (Setting setting : varyingByEntry.get(v.method())) {
                String value = setting.value().apply(v);
                if (!value.isEmpty()) {
                    parts.add(setting.name().isEmpty() ? value : setting.name() + "=" + value);
                }
            }
            labelled.add(v.withMethod(parts.isEmpty() ? v.method() : v.method() + " [" + String.join(", ", parts)
                    + "]"));
        }
        return labelled;
    }

    private static List<Setting> varying(List<Variant> variants, String entry) {
        List<Setting> varying = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            Set<String> values = new TreeSet<>();
            for (Variant v : variants) {
                String value = setting.value().apply(v);
                if (v.method().equals(entry) && !value.isEmpty()) {
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
