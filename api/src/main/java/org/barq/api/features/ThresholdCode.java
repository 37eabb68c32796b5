package org.barq.api.features;

import java.util.Arrays;
import org.barq.api.InvalidInputException;

/**
 * A quantizer defined by sorted thresholds per feature: feature {@code f} of a sample is standardised,
 * {@code z = (x - mean_f) / std_f}, and its code is the number of its {@code 2^b_f - 1} thresholds that {@code z}
 * passes ({@code z > a_f,k}, strictly). The code takes {@code b_f} bits. What the next stage sees is either the
 * thermometer code ({@link Decoding#THERMOMETER}: {@code 2^b_f - 1} values per feature, the first {@code code} of them
 * 1, the rest 0; the hard form of the soft thermometer a network was trained on) or one level per feature
 * ({@link Decoding#LEVELS}: a representative value on the feature's scale).
 *
 * <p>This is the form every quantizer stored in a checkpoint takes (bitwise, bitwise-fixed, quantile, uniform), so it
 * lives in {@code api} beside the checkpoint code. Every parameter is F32, as the checkpoint stores it, so that a
 * quantizer read back codes every sample exactly as the one written. Immutable.
 */
public final class ThresholdCode implements FeatureQuantizer {
    /** What {@link #decode} gives. */
    public enum Decoding {
        /** {@code 2^b - 1} values per feature: 1 for each threshold passed, then 0. */
        THERMOMETER,
        /** One value per feature: the code's level. */
        LEVELS
    }

    private final String name;
    private final Decoding decoding;
    private final int[] bits;
    private final float[] mean;
    private final float[] std;
    private final float[] thresholds;
    private final float[] levels;
    private final int[] thresholdStart;
    private final int[] levelStart;
    private final int width;

    /**
     * @param name       the registered name of the quantizer that made it
     * @param decoding   what the next stage sees
     * @param bits       bits per feature, each in {@code [MIN_BITS, MAX_BITS]}
     * @param mean       standardisation offset per feature
     * @param std        standardisation divisor per feature, positive
     * @param thresholds per feature {@code 2^b_f - 1} thresholds in the standardised space, nondecreasing, features
     *                   one after the other
     * @param levels     for {@link Decoding#LEVELS}, per feature {@code 2^b_f} values on the feature's scale; empty
     *                   for a thermometer
     * @throws InvalidInputException when a size or value does not fit
     */
    public ThresholdCode(String name, Decoding decoding, int[] bits, float[] mean, float[] std, float[] thresholds,
                         float[] levels) {
        int f = bits.length;
        if (f < 1 || mean.length != f || std.length != f) {
            throw new InvalidInputException(name + " quantizer has " + f + " bit widths, " + mean.length + " means and "
                    + std.length + " deviations. Maybe the checkpoint was edited?");
        }
        this.thresholdStart = new int[f + 1];
        this.levelStart = new int[f + 1];
        for (int j = 0; j < f; j++) {
            FeatureQuantizerOptions.levels(bits[j]);
            thresholdStart[j + 1] = thresholdStart[j] + (1 << bits[j]) - 1;
            levelStart[j + 1] = levelStart[j] + (1 << bits[j]);
            if (!(std[j] > 0) || !Float.isFinite(std[j]) || !Float.isFinite(mean[j])) {
                throw new InvalidInputException(name + " quantizer: feature " + j + " has mean " + mean[j]
                        + " and deviation " + std[j] + "; the deviation must be positive. Maybe the checkpoint was"
                        + " edited?");
            }
        }
        if (thresholds.length != thresholdStart[f]) {
            throw new InvalidInputException(name + " quantizer has " + thresholds.length + " thresholds but its bits"
                    + " need " + thresholdStart[f] + ". Maybe the bits per feature were edited?");
        }
        int wantLevels = decoding == Decoding.LEVELS ? levelStart[f] : 0;
        if (levels.length != wantLevels) {
            throw new InvalidInputException(name + " quantizer has " + levels.length + " levels but needs "
                    + wantLevels + ". Maybe the checkpoint was edited?");
        }
        for (int j = 0; j < f; j++) {
            for (int k = thresholdStart[j]; k < thresholdStart[j + 1]; k++) {
                boolean sorted = k == thresholdStart[j] || thresholds[k - 1] <= thresholds[k];
                if (Float.isNaN(thresholds[k]) || !sorted) {
                    throw new InvalidInputException(name + " quantizer: threshold " + (k - thresholdStart[j])
                            + " of feature " + j + " is " + thresholds[k] + ", not a number at or above the one"
                            + " before. Maybe the checkpoint was edited?");
                }
            }
        }
        for (float v : levels) {
            if (!Float.isFinite(v)) {
                throw new InvalidInputException(name + " quantizer has a level " + v + ". Maybe the checkpoint was"
                        + " edited?");
            }
        }
        this.name = name;
        this.decoding = decoding;
        this.bits = bits.clone();
        this.mean = mean.clone();
        this.std = std.clone();
        this.thresholds = thresholds.clone();
        this.levels = levels.clone();
        this.width = decoding == Decoding.THERMOMETER ? thresholdStart[f] : f;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return what {@link #decode} gives */
    public Decoding decoding() {
        return decoding;
    }

    @Override
    public int features() {
        return bits.length;
    }

    /** @return the most bits any feature takes (every feature's, when they all take the same) */
    @Override
    public int bits() {
        return Arrays.stream(bits).max().orElseThrow();
    }

    @Override
    public int bits(int feature) {
        requireFeature(feature);
        return bits[feature];
    }

    /** @return bits per feature, a fresh array */
    public int[] bitsPerFeature() {
        return bits.clone();
    }

    /** @return the standardisation offsets, a fresh array */
    public float[] mean() {
        return mean.clone();
    }

    /** @return the standardisation divisors, a fresh array */
    public float[] std() {
        return std.clone();
    }

    /** @return every threshold, features one after the other, a fresh array */
    public float[] thresholds() {
        return thresholds.clone();
    }

    /** @return every level ({@link Decoding#LEVELS}), features one after the other; empty for a thermometer */
    public float[] levels() {
        return levels.clone();
    }

    /** @return where feature {@code f}'s thresholds start in {@link #thresholds()}; {@code f = F} gives the count */
    public int thresholdStart(int f) {
        return thresholdStart[f];
    }

    @Override
    public int width() {
        return width;
    }

    /** @return {@code (x - mean_f) / std_f} */
    public double standardised(int feature, double x) {
        return (x - mean[feature]) / std[feature];
    }

    @Override
    public int[] encode(double[] sample) {
        requireCount(sample.length, "features");
        int[] codes = new int[sample.length];
        for (int j = 0; j < codes.length; j++) {
            double z = standardised(j, sample[j]);
            int c = 0;
            for (int k = thresholdStart[j]; k < thresholdStart[j + 1]; k++) {
                c += z > thresholds[k] ? 1 : 0;
            }
            codes[j] = c;
        }
        return codes;
    }

    @Override
    public double[] decode(int[] codes) {
        requireCount(codes.length, "codes");
        double[] out = new double[width];
        for (int j = 0; j < codes.length; j++) {
            requireCode(j, codes[j]);
            if (decoding == Decoding.THERMOMETER) {
                Arrays.fill(out, thresholdStart[j], thresholdStart[j] + codes[j], 1.0);
            } else {
                out[j] = levels[levelStart[j] + codes[j]];
            }
        }
        return out;
    }

    /**
     * A level's value, or for a thermometer the middle of the code's interval between two thresholds (the threshold
     * itself at either end), taken back to the feature's scale.
     */
    @Override
    public double value(int feature, int code) {
        requireFeature(feature);
        requireCode(feature, code);
        if (decoding == Decoding.LEVELS) {
            return levels[levelStart[feature] + code];
        }
        int first = thresholdStart[feature];
        int last = thresholdStart[feature + 1] - 1;
        double lo = thresholds[Math.max(first, first + code - 1)];
        double hi = thresholds[Math.min(last, first + code)];
        return mean[feature] + std[feature] * (lo + hi) / 2;
    }

    private void requireFeature(int feature) {
        if (feature < 0 || feature >= bits.length) {
            throw new InvalidInputException("feature " + feature + " is outside 0.." + (bits.length - 1) + " of the "
                    + name + " quantizer. Maybe an index of another data set?");
        }
    }

    private void requireCount(int count, String what) {
        if (count != bits.length) {
            throw new InvalidInputException("a sample has " + count + " " + what + " but the " + name + " quantizer"
                    + " was fitted on " + bits.length + " features. Maybe the features of another data set?");
        }
    }

    private void requireCode(int feature, int code) {
        int top = (1 << bits[feature]) - 1;
        if (code < 0 || code > top) {
            throw new InvalidInputException("code " + code + " of feature " + feature + " is outside the " + name
                    + " quantizer's codes 0.." + top + ". Maybe codes of another quantizer?");
        }
    }
}
