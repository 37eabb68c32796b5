package org.barq.evaluation.stopping;

import java.util.LinkedHashMap;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.evaluation.GeometryReport;

/**
 * One bit width of one rounding method, measured on the calibration set and on the held-out test set.
 *
 * @param bits        the bit width, 2..8
 * @param calibration its metrics on the calibration set
 * @param test        its metrics on the test set
 */
public record StoppingCandidate(int bits, SplitMetrics calibration, SplitMetrics test) {

    /** Validates the bit width. */
    public StoppingCandidate {
        if (bits < 2 || bits > 8) {
            throw new InvalidInputException("candidate bit width " + bits + " is outside 2..8. Maybe a typo?");
        }
    }

    /**
     * @param bits        the bit width
     * @param calibration the geometry report on the calibration set
     * @param test        the geometry report on the test set
     * @return the candidate
     */
    public static StoppingCandidate of(int bits, GeometryReport calibration, GeometryReport test) {
        return new StoppingCandidate(bits, SplitMetrics.of(calibration), SplitMetrics.of(test));
    }

    /**
     * @return keys {@code bits, calibration_accuracy, calibration_flip_rate, calibration_jaccard, test_accuracy,
     *         test_flip_rate, test_jaccard}
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bits", bits);
        json.putAll(calibration.toJson("calibration_"));
        json.putAll(test.toJson("test_"));
        return json;
    }
}
