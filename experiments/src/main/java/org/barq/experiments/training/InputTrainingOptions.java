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
 * @param hardEpochs with {@code bitwise}: the last epochs, at least 0, in which the thresholds stay where the soft
 *                   epochs left them and the network trains on their hard codes, which is what it will see
 */
public record InputTrainingOptions(String quantizer, int bits, double decay, int hardEpochs) {
    /** The trainable quantizer. */
    public static final String BITWISE = "bitwise";
    /** Quantizers a network can be trained behind and a checkpoint can store, in the order reports list them. */
    public static final java.util.List<String> NAMES = java.util.List.of("bitwise", "bitwise-fixed", "quantile",
            "uniform");
    /** The default temperature decay. */
    public static final double DEFAULT_DECAY = 1e-3;

    /** Options without hard epochs. */
    public InputTrainingOptions(String quantizer, int bits, double decay) {
        this(quantizer, bits, decay, 0);
    }

    /** Validates every value. */
    public InputTrainingOptions {
        if (hardEpochs < 0) {
            throw new InvalidInputException("hard epochs " + hardEpochs + " must be at least 0. Maybe 1?");
        }
        if (hardEpochs > 0 && !BITWISE.equals(quantizer)) {
            throw new InvalidInputException("hard epochs apply to the bitwise quantizer only, not '" + quantizer
                    + "' (its network trains on hard codes throughout). Maybe --input-quantizer bitwise?");
        }
        if (!Set.copyOf(NAMES).contains(quantizer)) {
            throw new InvalidInputException("input quantizer '" + quantizer + "' cannot be trained behind. Maybe one"
                    + " of: " + String.join(", ", NAMES) + "?");
        }
        FeatureQuantizerOptions.levels(bits);
        if (!(decay > 0) || decay > 1) {
            throw new InvalidInputException(String.format(Locale.ROOT, "temperature decay %s is outside (0, 1]."
                    + " Maybe --input-decay 1e-3?", decay));
        }
    }

    /** @return whether the thresholds are trained (else the network is trained on fixed hard codes) */
    public boolean trainable() {
        return quantizer.equals(BITWISE);
    }

    /**
     * @return the temperature factor applied after each soft epoch: {@code decay^(1/soft)}, {@code soft} the epochs
     *         before the hard ones
     */
    public double factor(int epochs) {
        return Math.pow(decay, 1.0 / softEpochs(epochs));
    }

    /**
     * @param epochs all epochs
     * @return the epochs with the soft thermometer
     * @throws InvalidInputException when the hard epochs leave none
     */
    public int softEpochs(int epochs) {
        if (hardEpochs >= epochs && trainable()) {
            throw new InvalidInputException("hard epochs " + hardEpochs + " leave no soft epoch of " + epochs
                    + ". Maybe --input-hard-epochs " + Math.max(0, epochs - 1) + "?");
        }
        return epochs - hardEpochs;
    }

    /** @return what a checkpoint's {@code barq.input_training} records */
    public String metadataJson() {
        // without hard epochs the record is what it was before they existed
        return String.format(Locale.ROOT, "{\"quantizer\":\"%s\",\"bits\":%d,\"decay\":%s%s}", quantizer, bits,
                Double.toString(decay), hardEpochs == 0 ? "" : ",\"hard_epochs\":" + hardEpochs);
    }
}
