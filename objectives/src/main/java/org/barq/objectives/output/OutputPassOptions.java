package org.barq.objectives.output;

import org.barq.api.InvalidInputException;

/**
 * How the output pass searches.
 *
 * @param lambda      weight of the pair-gap error {@code G / G_0} against {@code R / R_0}, at least 0
 * @param temperature the quantile of the calibration set's float margins that is {@code T} in the sample weights
 *                    {@code exp(-m_f / T)}, in (0, 1]; 1 takes the largest margin, which weighs every sample
 *                    within a factor e of the closest
 * @param sweeps      passes over both layers' weights, at least 1
 * @param seed        seeds the order in which weights are tried
 */
public record OutputPassOptions(double lambda, double temperature, int sweeps, long seed) {

    /** Validates the values. */
    public OutputPassOptions {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new InvalidInputException("output pass lambda " + lambda + " must be finite and at least 0.");
        }
        if (!(temperature > 0 && temperature <= 1)) {
            throw new InvalidInputException("output pass temperature quantile " + temperature
                    + " must be in (0, 1]. Maybe 1?");
        }
        if (sweeps < 1) {
            throw new InvalidInputException("output pass sweeps " + sweeps + " must be at least 1. Maybe 2?");
        }
    }

    /** @return the same options with another {@code lambda} */
    public OutputPassOptions withLambda(double value) {
        return new OutputPassOptions(value, temperature, sweeps, seed);
    }
}
