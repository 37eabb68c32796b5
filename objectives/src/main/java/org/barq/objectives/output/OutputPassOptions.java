package org.barq.objectives.output;

import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;

/**
 * How the output pass searches.
 *
 * @param lambda      weight of the pair-gap error {@code G / G_0} against {@code R / R_0}, at least 0
 * @param temperature the quantile of the calibration set's float margins that is {@code T} in the sample weights
 *                    {@code exp(-m_f / T)}, in (0, 1]; 1 takes the largest margin, which weighs every sample
 *                    within a factor e of the closest
 * @param sweeps      passes over both layers' weights, at least 1
 * @param seed        seeds the order in which weights are tried
 * @param between     points between samples of different predicted classes added per sample to the set the pass
 *                    fits ({@link BetweenSamples}), at least 0
 * @param matching    the reconstruction the pair-gap error is weighed against
 */
public record OutputPassOptions(double lambda, double temperature, int sweeps, long seed, int between,
                                OutputMatching matching) {

    /** Options without points between samples, both layers' outputs matched. */
    public OutputPassOptions(double lambda, double temperature, int sweeps, long seed) {
        this(lambda, temperature, sweeps, seed, 0, OutputMatching.LAYERS);
    }

    /** Validates the values. */
    public OutputPassOptions {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new InvalidInputException("output pass lambda " + lambda + " must be finite and at least 0.");
        }
        if (!(temperature > 0 && temperature <= 1)) {
            throw new InvalidInputException("output pass temperature quantile " + temperature
                    + " must be in (0, 1]. Maybe 1?");
        }
        if (between < 0) {
            throw new InvalidInputException("output pass between " + between + " must be at least 0. Maybe 1?");
        }
        if (matching == null) {
            throw new InvalidInputException("output pass matching is missing. Maybe " + OutputMatching.HINT + "?");
        }
        if (sweeps < 1) {
            throw new InvalidInputException("output pass sweeps " + sweeps + " must be at least 1. Maybe 2?");
        }
    }

    /**
     * @param floatNet the float network
     * @param data     the samples the pass is to fit
     * @return those samples with this option's points between them, drawn with a stream split from the seed
     */
    public Dataset fitted(Network floatNet, Dataset data) {
        return BetweenSamples.add(floatNet, data, between, new SplittableRandom(seed).split().split().nextLong());
    }

    /** @return the same options with another {@code lambda} */
    public OutputPassOptions withLambda(double value) {
        return new OutputPassOptions(value, temperature, sweeps, seed, between, matching);
    }
}
