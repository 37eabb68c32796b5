package org.barq.experiments.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.objectives.output.OutputMatching;

/**
 * The output pass that follows the layer-by-layer rounding (issue 20, docs/boundary-gap.md): coordinate descent over
 * the last two weight layers' flips, scored by the forward pass on {@code R / R_0 + lambda G / G_0}, with
 * {@code lambda} chosen among {@code lambdas} by k-fold cross-validation inside the calibration set.
 *
 * @param lambdas     candidate weights of the pair-gap error, each finite and at least 0; one value is used as it
 *                    is, without cross-validation
 * @param folds       cross-validation folds, at least 2
 * @param band        the band quantile {@code beta} of each held-out fold, in (0, 1]
 * @param temperature the float-margin quantile that sets the sample weights' {@code T}, in (0, 1]
 * @param sweeps      passes over both layers, at least 1
 * @param rLimit      the most the two layers' {@code R} may grow over its value before the pass, as a factor of at
 *                    least 1 (a candidate beyond it on the training folds is not chosen); 0 for no limit
 * @param between     points between samples of different predicted classes added per calibration sample to what the
 *                    pass fits, at least 0
 * @param matching    the reconstruction the pair-gap error is weighed against: both layers' outputs, or the logits
 *                    alone (then {@code rLimit} bounds {@code R} over the same pass at {@code lambda = 0})
 */
public record OutputPassPlan(List<Double> lambdas, int folds, double band, double temperature, int sweeps,
                             double rLimit, int between, OutputMatching matching) {

    /**
     * What {@code --preset boundary-aware} runs; the values are the ones docs/boundary-gap.md measured. The logits
     * alone are matched (on Fashion-MNIST and MNIST it protected held-out decisions better than matching both layers,
     * 0.46x against 0.50x of GPTQ's pair-order flips at 4 bits), and the limit keeps {@code R} within 1.1x of the
     * same pass without the pair-gap term.
     */
    public static final OutputPassPlan BOUNDARY_AWARE = new OutputPassPlan(List.of(0.0, 0.3, 1.0, 3.0, 10.0), 3,
            0.2, 1.0, 2, 1.1, 0, OutputMatching.LOGITS);

    /** The calibration size at which the preset's halving was measured (docs/boundary-gap.md). */
    public static final int MEASURED_SAMPLES = 12000;

    /**
     * @param samples the calibration samples the pass will fit
     * @param cap     the most calibration samples the split was allowed, or 0 when a file gave them whole
     * @param more    how to allow the split more, in the caller's terms, e.g. {@code train or import with
     *                --calibration-max 12000}
     * @param file    how to give more samples otherwise, e.g. {@code pass --calibration with more samples}
     * @return a note when there are fewer than {@link #MEASURED_SAMPLES}, since the more samples the pass fits the
     *         more of its protection carries over to held-out decisions; its hint asks for a larger cap only where
     *         the cap, not the data set, is what holds the split back
     */
    public static Optional<String> smallCalibrationNote(int samples, int cap, String more, String file) {
        if (samples >= MEASURED_SAMPLES) {
            return Optional.empty();
        }
        // the split takes a fraction of the data set up to the cap: below the cap, the data set is what is short
        boolean capHolds = cap > 0 && samples >= cap;
        String hint = capHolds ? more + ", or " + file : (cap > 0 ? "The data set gives no more. " : "") + "Maybe "
                + file;
        return Optional.of(String.format(Locale.ROOT, "note: the output pass fits %d calibration samples; the more it"
                + " fits, the more of its protection carries over to held-out decisions (Fashion-MNIST at 4 bits:"
                + " GPTQ's flips 0.79x at 2048 samples, 0.46x at %d). %s?", samples, MEASURED_SAMPLES,
                capHolds ? "Maybe " + hint : hint));
    }

    /** Validates the values and copies the candidates. */
    public OutputPassPlan {
        lambdas = List.copyOf(lambdas);
        if (lambdas.isEmpty()) {
            throw new InvalidInputException("the output pass has no lambda. Maybe [0, 0.3, 1, 3, 10]?");
        }
        for (double lambda : lambdas) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new InvalidInputException("output pass lambda " + lambda + " must be finite and at least 0."
                        + " Maybe [0, 0.3, 1, 3, 10]?");
            }
        }
        if (lambdas.stream().distinct().count() < lambdas.size()) {
            throw new InvalidInputException("output pass lambdas " + lambdas + " repeat a value, which would run its"
                    + " passes twice. Maybe [0, 0.3, 1, 3, 10]?");
        }
        if (folds < 2) {
            throw new InvalidInputException("output pass folds " + folds + " must be at least 2. Maybe 3?");
        }
        if (!(band > 0 && band <= 1)) {
            throw new InvalidInputException("output pass band " + band + " must be in (0, 1]. Maybe 0.2?");
        }
        if (!(temperature > 0 && temperature <= 1)) {
            throw new InvalidInputException("output pass temperature " + temperature + " must be in (0, 1]. Maybe 1?");
        }
        if (sweeps < 1) {
            throw new InvalidInputException("output pass sweeps " + sweeps + " must be at least 1. Maybe 2?");
        }
        if (between < 0) {
            throw new InvalidInputException("output pass between " + between + " must be at least 0. Maybe 1?");
        }
        if (matching == null) {
            throw new InvalidInputException("output pass matching is missing. Maybe " + OutputMatching.HINT + "?");
        }
        if (!(rLimit == 0 || rLimit >= 1) || Double.isInfinite(rLimit)) {
            throw new InvalidInputException("output pass r_limit " + rLimit + " must be 0 (no limit) or a factor of at"
                    + " least 1. Maybe 1.1?");
        }
    }

    /**
     * @param candidates the weights of the pair-gap error to choose from, or the one to run with
     * @return this pass with those candidates
     */
    public OutputPassPlan withLambdas(List<Double> candidates) {
        return new OutputPassPlan(candidates, folds, band, temperature, sweeps, rLimit, between, matching);
    }

    /** @return the candidates as an array */
    public double[] lambdaArray() {
        return lambdas.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
