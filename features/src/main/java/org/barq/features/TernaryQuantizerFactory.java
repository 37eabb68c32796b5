package org.barq.features;

import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerFactory;
import org.barq.api.features.FeatureQuantizerOptions;

/** Fits {@link TernaryQuantizer}s. */
public final class TernaryQuantizerFactory implements FeatureQuantizerFactory {
    @Override
    public String name() {
        return TernaryQuantizer.NAME;
    }

    @Override
    public String description() {
        return "q = sign(x - mu) 1[abs(x - mu) > tau], tau = c * mean abs(x - mu) per feature; codes -1, 0, +1";
    }

    @Override
    public boolean usesThreshold() {
        return true;
    }

    @Override
    public FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options) {
        FeatureMatrix.require(train, n, features, "training set");
        return new TernaryQuantizer(train, n, features, options.c());
    }
}
