package org.barq.features;

import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerFactory;
import org.barq.api.features.FeatureQuantizerOptions;

/** Fits {@link BinaryQuantizer}s. */
public final class BinaryQuantizerFactory implements FeatureQuantizerFactory {
    @Override
    public String name() {
        return BinaryQuantizer.NAME;
    }

    @Override
    public String description() {
        return "q = 1[x - mu > tau], tau = c * mean abs(x - mu) per feature; codes 0, 1";
    }

    @Override
    public boolean usesThreshold() {
        return true;
    }

    @Override
    public FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options) {
        FeatureMatrix.require(train, n, features, "training set");
        return new BinaryQuantizer(train, n, features, options.c());
    }
}
