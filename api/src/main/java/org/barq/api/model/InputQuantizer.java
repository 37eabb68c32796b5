package org.barq.api.model;

import org.barq.api.InvalidInputException;
import org.barq.api.features.ThresholdCode;

/**
 * The stage in front of a network trained on quantized inputs: raw features are scaled ({@code scaling}, the data
 * set's usual scaling, {@code F} features), coded by {@code code} (what a device sends, {@code b} bits per feature)
 * and decoded to the {@link ThresholdCode#width()} values the network's first layer takes. The network behind it is
 * an ordinary {@link Network} over the decoded values, with the identity scaling, so every forward pass, rounding and
 * evaluation of barq runs it unchanged on decoded inputs.
 *
 * @param scaling raw features to the quantizer's scale
 * @param code    the fitted (or trained) quantizer
 */
public record InputQuantizer(InputScaling scaling, ThresholdCode code) {
    /** Checks that the scaling fits the quantizer's features. */
    public InputQuantizer {
        scaling.requireWidth(code.features());
    }

    /** @return {@code F}, the raw features per sample */
    public int features() {
        return code.features();
    }

    /**
     * @param raw one sample's {@code F} raw features
     * @return its codes
     * @throws InvalidInputException when the sample does not hold {@code F} features
     */
    public int[] encode(float[] raw) {
        if (raw.length != code.features()) {
            throw new InvalidInputException("a sample has " + raw.length + " features but the input quantizer was"
                    + " fitted on " + code.features() + ". Maybe a data set other than the model's?");
        }
        double[] x = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            x[j] = scaling.apply(raw[j], j);
        }
        return code.encode(x);
    }
}
