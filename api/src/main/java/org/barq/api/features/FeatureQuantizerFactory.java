package org.barq.api.features;

import org.barq.api.InvalidInputException;

/**
 * Fits a kind of {@link FeatureQuantizer} on training features. Implementations are registered by {@link #name()}
 * with a Guice map binder, as solvers are; each reads the options it needs ({@code c} for thresholds, {@code bits}
 * for levels) and ignores the rest.
 */
public interface FeatureQuantizerFactory {
    /** @return the name users give, e.g. {@code binary}, {@code ternary}, {@code uniform} */
    String name();

    /** @return one line for {@code --help} and reports: what a code means */
    String description();

    /** @return whether the quantizer depends on {@link FeatureQuantizerOptions#c()} (else on its bits) */
    boolean usesThreshold();

    /**
     * @return whether it was made for the stage in front of a network ({@code barq train --input-bits}: the
     *         thermometer codes and quantile levels of issue 18), which the {@code barq features} sweep of issue 19
     *         leaves out so that its tables stay binary, ternary and uniform
     */
    default boolean inputStage() {
        return false;
    }

    /**
     * @param train    training features, row-major {@code [n, F]}
     * @param n        training samples, at least 1
     * @param features {@code F}, at least 1
     * @param options  the threshold multiplier and bits
     * @return the fitted quantizer
     * @throws InvalidInputException when the sizes do not match or the options do not suit this quantizer
     */
    FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options);
}
