package org.barq.report;

import static org.barq.report.JsonValues.asNumber;
import static org.barq.report.JsonValues.at;
import static org.barq.report.JsonValues.number;
import static org.barq.report.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;

/** Turns one parsed line of {@code results.jsonl} into a {@link Variant}. */
final class VariantReader {
    private static final double DEFAULT_BAND = ObjectiveSpec.DEFAULT.band();
    private static final double DEFAULT_GAMMA = ObjectiveSpec.DEFAULT.gamma();
    private VariantReader() {
    }

    /**
     * @param line a parsed results line
     * @return the variant, labelled by its config entry's label, else by its solver; empty when the line lacks the bit width or the solver, without
     *         which it has no place in any table
     */
    static Optional<Variant> read(JsonNode line) {
        double bits = number(line, ReportKeys.BITS);
        String solver = text(line, ReportKeys.SOLVER);
        if (!line.isObject() || Double.isNaN(bits) || solver == null) {
            return Optional.empty();
        }
        double index = number(line, ReportKeys.INDEX);
        double lambda = number(line, ReportKeys.OBJECTIVE, ReportKeys.LAMBDA);
        double seed = number(line, ReportKeys.SEED);
        String kind = text(line, ReportKeys.OBJECTIVE, ReportKeys.KIND);
        String id = text(line, ReportKeys.ID);
        return Optional.of(new Variant(
                id == null ? "" : id,
                Double.isNaN(index) ? Integer.MAX_VALUE : (int) index,
                (int) bits,
                grid(line),
                solver,
                orEmpty(text(line, ReportKeys.SOLVER_OPTIONS)),
                kind == null ? ReportKeys.KIND_RECONSTRUCTION : surrogate(kind, line),
                Double.isNaN(lambda) || lambda == 0 ? 0.0 : lambda,
                orEmpty(text(line, ReportKeys.OBJECTIVE, ReportKeys.INPUTS)),
                Double.isNaN(seed) ? Variant.NO_SEED : (long) seed,
                at(line, ReportKeys.CALIBRATION),
                at(line, ReportKeys.TEST),
                // a corrected variant shares its rounding, and so its anytime curve, with the uncorrected one
                line.has(ReportKeys.CORRECTION) ? List.of() : traces(at(line, ReportKeys.LAYERS)),
                Optional.ofNullable(text(line, ReportKeys.SOLVER_LABEL)).filter(l -> !l.isBlank()).orElse(solver),
                orEmpty(text(line, ReportKeys.MEMBER)),
                number(line, ReportKeys.R_TOTAL),
                logitsReconstruction(line),
                number(line, ReportKeys.OUTPUT_PASS, ReportKeys.EXPECTED_FLIP_RATIO),
                correction(at(line, ReportKeys.CORRECTION))));
    }

    private static Optional<Variant.Correction> correction(JsonNode correction) {
        if (!correction.isObject()) {
            return Optional.empty();
        }
        String label = Optional.ofNullable(text(correction, ReportKeys.CORRECTION_LABEL))
                .orElse(orEmpty(text(correction, ReportKeys.CORRECTION_NAME)));
        return Optional.of(new Variant.Correction(label, number(correction, ReportKeys.CORRECTION_ERROR_BEFORE),
                number(correction, ReportKeys.CORRECTION_ERROR_AFTER)));
    }

    /** The output pass changes the last layer after its record was written, so its own figure comes first. */
    private static double logitsReconstruction(JsonNode line) {
        JsonNode after = at(line, ReportKeys.OUTPUT_PASS, ReportKeys.R_LAYERS_AFTER);
        if (after.isArray() && after.size() > 0) {
            return asNumber(after.get(after.size() - 1));
        }
        JsonNode layers = at(line, ReportKeys.LAYERS);
        if (at(line, ReportKeys.OUTPUT_PASS).isMissingNode() && layers.isArray() && layers.size() > 0) {
            return number(layers.get(layers.size() - 1), ReportKeys.LAYER_R);
        }
        return Double.NaN;
    }

    /**
     * The surrogate's label: its kind, plus its band beta and (hinge) gamma where they are not the defaults, so that
     * a tuning study's settings form separate sweeps rather than being averaged into one.
     */
    private static String surrogate(String kind, JsonNode line) {
        if (kind.equals(ReportKeys.KIND_RECONSTRUCTION)) {
            return kind;
        }
        StringBuilder label = new StringBuilder(kind);
        double band = number(line, ReportKeys.OBJECTIVE, ReportKeys.OBJECTIVE_BAND);
        if (!Double.isNaN(band) && band != DEFAULT_BAND) {
            label.append(" beta ").append(Numbers.compact(band));
        }
        double gamma = number(line, ReportKeys.OBJECTIVE, ReportKeys.OBJECTIVE_GAMMA);
        if (kind.equals(ObjectiveKind.HINGE.id()) && !Double.isNaN(gamma) && gamma != DEFAULT_GAMMA) {
            label.append(" gamma ").append(Numbers.compact(gamma));
        }
        return label.toString();
    }

    /**
     * The grid's label: its scale method, plus {@code /g<G>} for group-wise scales, so that per-row and group-wise
     * runs of one solver in one folder form separate columns rather than being averaged together.
     */
    private static String grid(JsonNode line) {
        String grid = orEmpty(text(line, ReportKeys.GRID));
        double groupSize = number(line, ReportKeys.GROUP_SIZE);
        return Double.isNaN(groupSize) || groupSize == 0 ? grid : grid + "/g" + (long) groupSize;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static List<LayerTrace> traces(JsonNode layers) {
        List<LayerTrace> traces = new ArrayList<>();
        if (!layers.isArray()) {
            return traces;
        }
        int position = 0;
        for (JsonNode layer : layers) {
            double index = number(layer, ReportKeys.LAYER);
            JsonNode trace = at(layer, ReportKeys.TRACE);
            if (trace.isArray() && !trace.isEmpty()) {
                traces.add(trace(Double.isNaN(index) ? position : (int) index, trace));
            }
            position++;
        }
        return traces;
    }

    private static LayerTrace trace(int layer, JsonNode points) {
        double[] seconds = new double[points.size()];
        double[] value = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = points.get(i);
            if (point.isArray()) {
                seconds[i] = asNumber(point.get(ReportKeys.TRACE_SECONDS_POSITION));
                value[i] = asNumber(point.get(ReportKeys.TRACE_VALUE_POSITION));
            } else {
                seconds[i] = number(point, ReportKeys.TRACE_SECONDS);
                value[i] = number(point, ReportKeys.TRACE_VALUE);
            }
        }
        return new LayerTrace(layer, seconds, value);
    }
}
