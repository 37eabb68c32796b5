package org.barq.evaluation.stopping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of the stopping rule (FORMULATION §5).
 *
 * @param rule                     the thresholds used
 * @param floatCalibrationAccuracy the float model's calibration accuracy
 * @param candidates               the candidates, as given
 * @param byAccuracy               the lowest bit width whose calibration accuracy is within {@code eps_acc} of float;
 *                                 empty if none is
 * @param boundaryAware            the lowest bit width with calibration flip rate {@code <= tau_flip} and Jaccard
 *                                 {@code <= tau_J}; empty if none qualifies
 * @param variants                 the number of variants of the correlation
 * @param pearsonR                 Pearson {@code r} of calibration against held-out Jaccard over the variants; NaN when
 *                                 undefined (see {@link StoppingRule#pearson})
 */
public record StoppingReport(StoppingRule rule, double floatCalibrationAccuracy, List<StoppingCandidate> candidates,
                             Optional<StoppingCandidate> byAccuracy, Optional<StoppingCandidate> boundaryAware,
                             int variants, double pearsonR) {

    /** Copies the list. */
    public StoppingReport {
        candidates = List.copyOf(candidates);
    }

    /**
     * The report as JSON, keys in this order: {@code eps_acc, tau_flip, tau_jaccard, float_calibration_accuracy,
     * candidates} (a list of {@link StoppingCandidate#toJson()}), {@code selected_by_accuracy, boundary_aware} (each a
     * candidate's map, or {@code null} when no candidate qualifies), {@code n_variants, jaccard_pearson_r}
     * ({@code null} when undefined).
     *
     * @return a fresh ordered map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eps_acc", rule.epsAccuracy());
        json.put("tau_flip", rule.tauFlip());
        json.put("tau_jaccard", rule.tauJaccard());
        json.put("float_calibration_accuracy", floatCalibrationAccuracy);
        List<Object> rows = new ArrayList<>();
        for (StoppingCandidate c : candidates) {
            rows.add(c.toJson());
        }
        json.put("candidates", rows);
        json.put("selected_by_accuracy", byAccuracy.map(StoppingCandidate::toJson).orElse(null));
        json.put("boundary_aware", boundaryAware.map(StoppingCandidate::toJson).orElse(null));
        json.put("n_variants", variants);
        json.put("jaccard_pearson_r", pearsonR);
        return json;
    }
}
