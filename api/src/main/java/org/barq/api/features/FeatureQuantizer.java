package org.barq.api.features;

import org.barq.api.InvalidInputException;

/**
 * A fitted quantizer of input features: it turns a sample's {@code F} features into {@code F} integer codes, one per
 * feature, and the codes into the representation the next stage sees. Fitted on training features by a
 * {@link FeatureQuantizerFactory}; immutable and safe to share between threads.
 *
 * <p>Two widths matter. The codes are always {@code F} wide ({@link #features()}). What {@link #decode} gives may be
 * wider ({@link #width()}): binary, ternary and uniform quantizers give one value per feature, a thermometer code of
 * {@code b} bits gives {@code 2^b - 1} values per feature. {@link #value} is separate from {@link #decode} because
 * the error of a quantizer is measured on the feature's own scale, which a thermometer's or a ternary code's decoded
 * values are not on.
 */
public interface FeatureQuantizer {
    /** @return the name it was registered under, e.g. {@code binary} */
    String name();

    /** @return {@code F}, the features per sample it was fitted on */
    int features();

    /** @return bits a stored code takes per feature (binary 1, ternary 2, uniform and thermometer {@code b}) */
    int bits();

    /**
     * @param feature a feature index in {@code [0, F)}
     * @return bits a stored code of that feature takes; the same for every feature unless the quantizer was fitted
     *         with bits per feature
     */
    default int bits(int feature) {
        return bits();
    }

    /** @return bits a whole sample's codes take: the sum over features of {@link #bits(int)} */
    default long sampleBits() {
        long sum = 0;
        for (int j = 0; j < features(); j++) {
            sum += bits(j);
        }
        return sum;
    }

    /** @return how many times fewer bits a sample's codes take than its features as 32-bit floats */
    default double compressionFactor() {
        return 32.0 * features() / sampleBits();
    }

    /** @return values per sample that {@link #decode} gives */
    int width();

    /**
     * @param sample one sample's {@code F} features, on the scale the quantizer was fitted on
     * @return its {@code F} codes
     * @throws InvalidInputException when the sample does not hold {@code F} features
     */
    int[] encode(double[] sample);

    /**
     * @param codes one sample's {@code F} codes, as {@link #encode} gives them
     * @return the {@link #width()} values the next stage (a classifier, a network's first layer) sees
     * @throws InvalidInputException when there are not {@code F} codes or one is not a code of this quantizer
     */
    double[] decode(int[] codes);

    /**
     * @param feature a feature index in {@code [0, F)}
     * @param code    a code of that feature
     * @return the value the code stands for on the feature's own scale: what the quantization error compares the
     *         feature with
     * @throws InvalidInputException when the feature or the code is out of range
     */
    double value(int feature, int code);
}
