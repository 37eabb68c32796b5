package org.barq.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decision-geometry metrics of a float model {@code f} and a rounded model {@code f^} on one set (FORMULATION §5).
 * A statistic over no samples is NaN (written as {@code null} in JSON).
 *
 * <p>Samples where {@code grad_x (z_c1 - z_c2)} is exactly zero for {@code f} or for {@code f^} (every path from the
 * input to the pair's logits is cut by inactive ReLUs, or the pair's weight rows coincide) have no first-order
 * boundary distance and no normal direction; they are left out of the displacement and normal-variation statistics
 * and counted in {@code gradientExcluded}.
 *
 * @param accuracyFloat            accuracy of {@code f} on the set
 * @param accuracyRounded          accuracy of {@code f^} on the set
 * @param flipRate                 fraction of samples whose predicted label differs between {@code f} and {@code f^}
 * @param bandFlipRate             the flip rate within the band
 * @param pairOrderFlip            fraction of band samples with {@code z^_c1 < z^_c2}
 * @param bandGapRms               root mean square over the band of the pair-gap change {@code m^ - m}, where
 *                                 {@code m^ = z^_c1 - z^_c2} for the float model's pair: the size of the rounding's
 *                                 error that the pair-order flips follow, a continuous figure where the flips are a
 *                                 count of a few samples (docs/boundary-gap.md, "Where the flips come from")
 * @param displacementMedian       median of {@code |rho^ - rho|} over the set
 * @param displacementP90          90th percentile of {@code |rho^ - rho|} over the set
 * @param bandDisplacementMedian   median of {@code |rho^ - rho|} over the band
 * @param bandDisplacementP90      90th percentile of {@code |rho^ - rho|} over the band
 * @param normalVariationMedianDeg median angle, in degrees, between the pair-gap gradients of {@code f} and {@code f^}
 * @param boundaryJaccard          slice-boundary Jaccard distance {@code 1 - |M & M^| / |M | M^|}
 * @param gridChange               fraction of slice cells whose label differs
 * @param junctionsFloat           triple-junction blocks in {@code f}'s slice
 * @param junctionsRounded         triple-junction blocks in {@code f^}'s slice
 * @param fisherFloat              Fisher ratio of {@code f}'s representations, keys {@code inputs}, {@code hidden_1},
 *                                 ..., {@code hidden_(L-1)} (after the ReLU), {@code logits}, in that order
 * @param fisherRounded            the same for {@code f^}
 * @param samples                  {@code n}, samples in the set
 * @param band                     samples in the band
 * @param gradientExcluded         samples left out of displacement and normal variation (a zero gradient)
 * @param bandThreshold            the {@code beta}-quantile of the float margins
 * @param options                  the settings used
 */
public record GeometryReport(double accuracyFloat, double accuracyRounded, double flipRate, double bandFlipRate,
                             double pairOrderFlip, double bandGapRms, double displacementMedian,
                             double displacementP90, double bandDisplacementMedian, double bandDisplacementP90,
                             double normalVariationMedianDeg, double boundaryJaccard, double gridChange,
                             int junctionsFloat, int junctionsRounded, Map<String, Double> fisherFloat,
                             Map<String, Double> fisherRounded, int samples, int band, int gradientExcluded,
                             double bandThreshold, EvaluationOptions options) {

    /** Copies the Fisher maps, keeping their order. */
    public GeometryReport {
        fisherFloat = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fisherFloat));
        fisherRounded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fisherRounded));
    }

    /**
     * The report as JSON, keys in this order: {@code accuracy_float, accuracy_rounded, flip_rate, band_flip_rate,
     * pair_order_flip, band_gap_rms, displacement_median, displacement_p90, band_displacement_median,
     * band_displacement_p90, normal_variation_median_deg, boundary_jaccard, grid_change, junctions_float,
     * junctions_rounded, fisher_ratio}
     * ({@code {"float": {...}, "rounded": {...}}}, each {@code inputs, hidden_1, ..., logits}),
     * {@code n_samples, n_band, n_gradient_excluded, band_threshold, beta, slice_grid, slice_range}.
     *
     * @return a fresh ordered map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy_float", accuracyFloat);
        json.put("accuracy_rounded", accuracyRounded);
        json.put("flip_rate", flipRate);
        json.put("band_flip_rate", bandFlipRate);
        json.put("pair_order_flip", pairOrderFlip);
        json.put("band_gap_rms", bandGapRms);
        json.put("displacement_median", displacementMedian);
        json.put("displacement_p90", displacementP90);
        json.put("band_displacement_median", bandDisplacementMedian);
        json.put("band_displacement_p90", bandDisplacementP90);
        json.put("normal_variation_median_deg", normalVariationMedianDeg);
        json.put("boundary_jaccard", boundaryJaccard);
        json.put("grid_change", gridChange);
        json.put("junctions_float", junctionsFloat);
        json.put("junctions_rounded", junctionsRounded);
        Map<String, Object> fisher = new LinkedHashMap<>();
        fisher.put("float", new LinkedHashMap<>(fisherFloat));
        fisher.put("rounded", new LinkedHashMap<>(fisherRounded));
        json.put("fisher_ratio", fisher);
        json.put("n_samples", samples);
        json.put("n_band", band);
        json.put("n_gradient_excluded", gradientExcluded);
        json.put("band_threshold", bandThreshold);
        json.put("beta", options.beta());
        json.put("slice_grid", options.sliceGrid());
        json.put("slice_range", options.sliceRange());
        return json;
    }
}
