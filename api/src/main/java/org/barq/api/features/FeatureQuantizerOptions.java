package org.barq.api.features;

import java.util.Locale;
import org.barq.api.InvalidInputException;

/**
 * The settings a {@link FeatureQuantizerFactory} fits with.
 *
 * @param c    threshold multiplier: binary and ternary quantizers set each feature's threshold to {@code c} times its
 *             mean absolute centred value; finite and at least 0
 * @param bits bits per feature of a uniform (or thermometer) quantizer, in {@code [MIN_BITS, MAX_BITS]}
 */
public record FeatureQuantizerOptions(double c, int bits) {
    /** The fewest bits per feature: two levels. */
    public static final int MIN_BITS = 1;
    /** The most bits per feature: a code still fits a byte, and a thermometer code of 8 bits has 255 values. */
    public static final int MAX_BITS = 8;

    /** Validates both values. */
    public FeatureQuantizerOptions {
        if (!(c >= 0) || !Double.isFinite(c)) {
            throw new InvalidInputException(String.format(Locale.ROOT, "threshold multiplier c = %s must be finite"
                    + " and at least 0. Maybe 0.5?", c));
        }
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new InvalidInputException("bits per feature " + bits + " is outside " + MIN_BITS + ".." + MAX_BITS
                    + ". Maybe 2 or 4?");
        }
    }

    /** @return options for a threshold quantizer (binary, ternary) at multiplier {@code c} */
    public static FeatureQuantizerOptions threshold(double c) {
        return new FeatureQuantizerOptions(c, MIN_BITS);
    }

    /** @return options for a level quantizer (uniform, thermometer) at {@code bits} per feature */
    public static FeatureQuantizerOptions levels(int bits) {
        return new FeatureQuantizerOptions(0, bits);
    }
}
