package org.barq.features;

import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizer;

/**
 * What every one-value-per-feature quantizer shares: the size and code checks of the {@link FeatureQuantizer}
 * contract, with codes a contiguous range {@code [minCode, maxCode]} per feature.
 */
public abstract class AbstractFeatureQuantizer implements FeatureQuantizer {
    private final String name;
    private final int features;
    private final int minCode;
    private final int maxCode;

    /**
     * @param name     the registered name
     * @param features {@code F}
     * @param minCode  the lowest code
     * @param maxCode  the highest code
     */
    protected AbstractFeatureQuantizer(String name, int features, int minCode, int maxCode) {
        this.name = name;
        this.features = features;
        this.minCode = minCode;
        this.maxCode = maxCode;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int features() {
        return features;
    }

    /** One decoded value per feature. */
    @Override
    public int width() {
        return features;
    }

    @Override
    public final int[] encode(double[] sample) {
        requireCount(sample.length, "features");
        int[] codes = new int[features];
        for (int j = 0; j < features; j++) {
            codes[j] = code(j, sample[j]);
        }
        return codes;
    }

    @Override
    public double[] decode(int[] codes) {
        requireCount(codes.length, "codes");
        double[] out = new double[features];
        for (int j = 0; j < features; j++) {
            requireCode(j, codes[j]);
            out[j] = decoded(j, codes[j]);
        }
        return out;
    }

    @Override
    public final double value(int feature, int code) {
        if (feature < 0 || feature >= features) {
            throw new InvalidInputException("feature " + feature + " is outside 0.." + (features - 1) + " of " + name
                    + " quantizer. Maybe an index of another layer?");
        }
        requireCode(feature, code);
        return valueOf(feature, code);
    }

    /** @return the code of value {@code x} of feature {@code feature} */
    protected abstract int code(int feature, double x);

    /** @return what the next stage sees for a valid code */
    protected abstract double decoded(int feature, int code);

    /** @return what a valid code stands for on the feature's scale */
    protected abstract double valueOf(int feature, int code);

    private void requireCount(int count, String what) {
        if (count != features) {
            throw new InvalidInputException("a sample has " + count + " " + what + " but the " + name + " quantizer"
                    + " was fitted on " + features + " features. Maybe the features of another data set or layer?");
        }
    }

    private void requireCode(int feature, int code) {
        if (code < minCode || code > maxCode) {
            throw new InvalidInputException("code " + code + " of feature " + feature + " is outside the " + name
                    + " quantizer's codes " + minCode + ".." + maxCode + ". Maybe codes of another quantizer?");
        }
    }
}
