package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import org.barq.evaluation.stopping.SplitMetrics;

/** Reads metrics back from results lines. */
final class Metrics {
    private Metrics() {
    }

    /**
     * @param line  a results line
     * @param split {@code calibration} or {@code test}
     * @param key   a {@code GeometryReport.toJson()} key, e.g. {@code boundary_jaccard}
     * @return the value, NaN when it is null or absent
     */
    static double of(JsonNode line, String split, String key) {
        JsonNode v = line.path(split).path(key);
        return v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /** @return the rounded accuracy, flip rate and slice-boundary Jaccard of one split of a line */
    static SplitMetrics split(JsonNode line, String split) {
        return new SplitMetrics(of(line, split, "accuracy_rounded"), of(line, split, "flip_rate"),
                of(line, split, "boundary_jaccard"));
    }
}
