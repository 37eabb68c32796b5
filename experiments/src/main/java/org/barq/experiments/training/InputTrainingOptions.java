package org.barq.experiments.training;

import java.util.Locale;
import java.util.Set;
import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizerOptions;

/**
 * How to train a network behind an input quantizer ({@code barq train --input-bits}).
 *
 * @param quantizer {@code bitwise} (thresholds trained jointly with the network through the soft thermometer) or a
 *                  fixed one the network is trained on the hard codes of: {@code bitwise-fixed}, {@code uniform},
 *                  {@code quantile}
 * @param bits      bits per feature, in {@code [1, 8]}
 * @param decay     the temperature after the last epoch, in {@code (0, 1]}: it is multiplied by
 *                  {@code decay^(1/epochs)} after each epoch (floored at {@value SoftThermometer#MIN_TEMPERATURE})
 * @param straightThrough with {@code bitwise}: the network is fed the hard code it gets at inference, and the
 *                  thresholds' gradient still goes through the soft thermometer's slope at the current temperature
 *                  (a straight-through estimator; docs/input-bits.md measures it against the soft forward pass)
 */
public record InputTrainingOptions(String quantizer, int bits, double decay, boolean straightThrough) {
    /** The trainable quantizer. */
    public static final String BITWISE = "bitwise";
    /** Quantizers a network can be trained behind and a checkpoint can store, in the order reports list them. */
    public static final java.util.List<String> NAMES = java.util.List.of("bitwise", "bitwise-fixed", "quantile",
            "uniform");
    /** The default temperature decay. */
    public static final double DEFAULT_DECAY = 1e-3;

    /** Options with the soft forward pass of the method as published. */
    public InputTrainingOptions(String quantizer, int bits, double decay) {
        this(quantizer, bits, decay, false);
    }

    /** Validates every value. */
    public InputTrainingOptions {
        if (!Set.copyOf(NAMES).contains(quantizer)) {
            throw new InvalidInputException("input quantizer '" + quantizer + "' cannot be trained behind. Maybe one"
                    + " of: " + String.join(", ", NAMES) + "?");
        }
        FeatureQuantizerOptions.levels(bits);
        if (!(decay > 0) || decay > 1) {
            throw new InvalidInputException(String.format(Locale.ROOT, "temperature decay %s is outside (0, 1]."
                    + " Maybe --input-decay 1e-3?", decay));
        }
        if (straightThrough && !quantizer.equals(BITWISE)) {
            throw new InvalidInputException("input quantizer '" + quantizer + "' has no trained thresholds to pass a"
                    + " gradient straight through to. Maybe --input-quantizer bitwise?");
        }
    }

    /** @return whether the thresholds are trained (else the network is trained on fixed hard codes) */
    public boolean trainable() {
        return quantizer.equals(BITWISE);
    }

    /** @return the temperature factor applied after each of {@code epochs} epochs: {@code decay^(1/epochs)} */
    public double factor(int epochs) {
        return Math.pow(decay, 1.0 / epochs);
    }

    /** @return what a checkpoint's {@code barq.input_training} records */
    public String metadataJson() {
        return String.format(Locale.ROOT, "{\"quantizer\":\"%s\",\"bits\":%d,\"decay\":%s,\"straight_through\":%s}",
                quantizer, bits, Double.toString(decay), straightThrough);
    }
}
