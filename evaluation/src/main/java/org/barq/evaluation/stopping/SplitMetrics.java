package org.barq.evaluation.stopping;

import java.util.LinkedHashMap;
import java.util.Map;
import org.barq.evaluation.GeometryReport;

/**
 * The three numbers of one split that the stopping rule reads.
 *
 * @param accuracy the rounded model's accuracy
 * @param flipRate the flip rate against the float model
 * @param jaccard  the slice-boundary Jaccard distance
 */
public record SplitMetrics(double accuracy, double flipRate, double jaccard) {

    /** @return the rounded accuracy, flip rate and Jaccard of a geometry report */
    public static SplitMetrics of(GeometryReport report) {
        return new SplitMetrics(report.accuracyRounded(), report.flipRate(), report.boundaryJaccard());
    }

    Map<String, Object> toJson(String prefix) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(prefix + "accuracy", accuracy);
        json.put(prefix + "flip_rate", flipRate);
        json.put(prefix + "jaccard", jaccard);
        return json;
    }
}
