package org.barq.features;

import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerFactory;
import org.barq.api.features.FeatureQuantizerOptions;

/** Fits {@link UniformQuantizer}s. */
public final class UniformQuantizerFactory implements FeatureQuantizerFactory {
    @Override
    public String name() {
        return UniformQuantizer.NAME;
    }

    @Override
    public String description() {
        return "b-bit min-max uniform levels per feature from the training range; the next stage sees the level";
    }

    @Override
    public boolean usesThreshold() {
        return false;
    }

    @Override
    public FeatureQuantizer fit(double[] train, int n, int features, FeatureQuantizerOptions options) {
        FeatureMatrix.require(train, n, features, "training set");
        return new UniformQuantizer(train, n, features, options.bits());
    }
}
