package org.barq.features;

import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerFactory;
import org.barq.api.features.FeatureQuantizerOptions;

/**
 * A {@link FeatureQuantizerFactory} made of its name, description and fitting function: barq's quantizers differ
 * only in those.
 *
 * @param name          the registered name
 * @param description   what a code means
 * @param usesThreshold whether it reads {@code c} (else {@code bits})
 * @param fitter        fits on checked training features
 */
record NamedFactory(String name, String description, boolean usesThreshold, Fitter fitter)
        implements FeatureQuantizerFactory {

    /** Fits one kind of quantizer. */
    interface Fitter {
        FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options);
    }

    /** @return binary at each {@code c} */
    static NamedFactory binary() {
        return new NamedFactory(BinaryQuantizer.NAME, "q = 1[x - mu > tau], tau = c * mean abs(x - mu) per feature;"
                + " codes 0, 1", true, (x, n, f, o) -> new BinaryQuantizer(x, n, f, o.c()));
    }

    /** @return ternary at each {@code c} */
    static NamedFactory ternary() {
        return new NamedFactory(TernaryQuantizer.NAME, "q = sign(x - mu) 1[abs(x - mu) > tau], tau = c * mean"
                + " abs(x - mu) per feature; codes -1, 0, +1", true, (x, n, f, o) -> new TernaryQuantizer(x, n, f,
                o.c()));
    }

    /** @return uniform at each width */
    static NamedFactory uniform() {
        return new NamedFactory(UniformQuantizer.NAME, "b-bit min-max uniform levels per feature from the training"
                + " range; the next stage sees the level", false, (x, n, f, o) -> new UniformQuantizer(x, n, f,
                o.bits()));
    }

    @Override
    public FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options) {
        FeatureMatrix.require(train, n, features, "training set");
        return fitter.fit(train, n, features, options);
    }
}
