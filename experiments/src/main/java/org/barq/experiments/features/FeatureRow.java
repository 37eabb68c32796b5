package org.barq.experiments.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One quantizer setting's measures on the test subset.
 *
 * @param quantizer     {@code float} (no quantization) or a registered quantizer's name
 * @param c             its threshold multiplier, or null
 * @param bits          its bits per feature, or null for float
 * @param error         quantization error ({@link FeatureAnalysis#ERROR_DEFINITION}); 0 for float
 * @param fisherRatio   {@code tr(S_b) / tr(S_w)} of what the classifiers see
 * @param distanceRatio mean squared between-class over within-class distance of what the classifiers see
 * @param accuracy      test accuracy by classifier ({@link FeatureAnalysis#CLASSIFIERS}, in that order)
 */
public record FeatureRow(String quantizer, Double c, Integer bits, double error, double fisherRatio,
                         double distanceRatio, Map<String, Double> accuracy) {
    /** Keeps the classifiers' order. */
    public FeatureRow {
        accuracy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accuracy));
    }

    /** @return the row as JSON: flat keys, {@code accuracy_<classifier>} per classifier */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("quantizer", quantizer);
        json.put("c", c);
        json.put("bits", bits);
        json.put("error", error);
        json.put("fisher_ratio", fisherRatio);
        json.put("distance_ratio", distanceRatio);
        accuracy.forEach((name, value) -> json.put("accuracy_" + name, value));
        return json;
    }

    /** @return one line for the console, e.g. {@code binary c=0.5: error 0.0123 fisher 0.45 ... mlp 0.97} */
    public String describe() {
        StringBuilder line = new StringBuilder(quantizer);
        line.append(c != null ? " c=" + c : bits != null ? " " + bits + " bit" : "");
        line.append(String.format(java.util.Locale.ROOT, ": error %.4g  fisher %.4g  distance ratio %.4g", error,
                fisherRatio, distanceRatio));
        accuracy.forEach((name, value) -> line.append(String.format(java.util.Locale.ROOT, "  %s %.4f", name, value)));
        return line.toString();
    }
}
