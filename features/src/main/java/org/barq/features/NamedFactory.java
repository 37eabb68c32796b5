package org.barq.features;

import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerFactory;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.api.features.ThresholdCode;

/**
 * A {@link FeatureQuantizerFactory} made of its name, description and fitting function: barq's quantizers differ
 * only in those.
 *
 * @param name          the registered name
 * @param description   what a code means
 * @param usesThreshold whether it reads {@code c} (else {@code bits})
 * @param inputStage    whether it was made for the stage in front of a network (issue 18)
 * @param fitter        fits on checked training features
 */
record NamedFactory(String name, String description, boolean usesThreshold, boolean inputStage, Fitter fitter)
        implements FeatureQuantizerFactory {

    /** The registered name of the trainable thermometer. */
    static final String BITWISE = "bitwise";
    /** The registered name of the fixed thermometer. */
    static final String BITWISE_FIXED = "bitwise-fixed";
    /** The registered name of the quantile levels. */
    static final String QUANTILE = "quantile";

    /** Fits one kind of quantizer. */
    interface Fitter {
        FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options);
    }

    /** @return binary at each {@code c} */
    static NamedFactory binary() {
        return new NamedFactory(BinaryQuantizer.NAME, "q = 1[x - mu > tau], tau = c * mean abs(x - mu) per feature;"
                + " codes 0, 1", true, false, (x, n, f, o) -> new BinaryQuantizer(x, n, f, o.c()));
    }

    /** @return ternary at each {@code c} */
    static NamedFactory ternary() {
        return new NamedFactory(TernaryQuantizer.NAME, "q = sign(x - mu) 1[abs(x - mu) > tau], tau = c * mean"
                + " abs(x - mu) per feature; codes -1, 0, +1", true, false,
                (x, n, f, o) -> new TernaryQuantizer(x, n, f, o.c()));
    }

    /** @return uniform at each width */
    static NamedFactory uniform() {
        return new NamedFactory(UniformQuantizer.NAME, "b-bit min-max uniform levels per feature from the training"
                + " range; the next stage sees the level", false, false, (x, n, f, o) -> new UniformQuantizer(x, n, f,
                o.bits()));
    }

    /** @return the fixed thermometer at the training quantiles */
    static NamedFactory bitwiseFixed() {
        return new NamedFactory(BITWISE_FIXED, "b-bit thermometer: 2^b - 1 thresholds per feature at the quantiles"
                + " k/2^b of the standardised training data, fixed; the next stage sees 1[z > a_k] for every k",
                false, true,
                (x, n, f, o) -> QuantileThresholds.fit(x, n, f, QuantileThresholds.same(f, o.bits()), BITWISE_FIXED,
                        ThresholdCode.Decoding.THERMOMETER));
    }

    /** @return the trainable thermometer, fitted at its starting point (barq train --input-bits trains it) */
    static NamedFactory bitwise() {
        return new NamedFactory(BITWISE, "b-bit thermometer with trainable thresholds (barq train --input-bits):"
                + " soft sigmoid((z - a_k)/tau) in training, hard 1[z > a_k] after; fitted alone it is its quantile"
                + " start", false, true, (x, n, f, o) -> QuantileThresholds.fit(x, n, f, QuantileThresholds.same(f,
                o.bits()), BITWISE, ThresholdCode.Decoding.THERMOMETER));
    }

    /** @return quantile levels */
    static NamedFactory quantile() {
        return new NamedFactory(QUANTILE, "b-bit levels at the training quantiles k/2^b per feature; the next stage"
                + " sees the mean training value of the level", false, true,
                (x, n, f, o) -> QuantileThresholds.fit(x, n, f, QuantileThresholds.same(f, o.bits()), QUANTILE,
                        ThresholdCode.Decoding.LEVELS));
    }

    @Override
    public FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options) {
        FeatureMatrix.require(train, n, features, "training set");
        return fitter.fit(train, n, features, options);
    }
}
