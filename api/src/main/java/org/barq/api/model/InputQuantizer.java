package org.barq.api.model;

import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
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
     * @param data  a data set of {@code F} raw features per sample
     * @param first the first sample
     * @param count how many samples
     * @return their decoded values, row-major {@code [count, width]}
     * @throws InvalidInputException when the data set's features do not match the quantizer's
     */
    public double[] decodedRows(Dataset data, int first, int count) {
        requireFeatures(data);
        int f = code.features();
        int w = code.width();
        double[] out = new double[count * w];
        float[] raw = new float[f];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < f; j++) {
                raw[j] = data.feature(first + i, j);
            }
            System.arraycopy(code.decode(encode(raw)), 0, out, i * w, w);
        }
        return out;
    }

    /**
     * @param data a data set of {@code F} raw features per sample
     * @return the same samples and labels as the network behind the quantizer sees them: {@code width} decoded
     *         values, flat, with the identity as native scaling
     * @throws InvalidInputException when the data set's features do not match the quantizer's
     */
    public Dataset decoded(Dataset data) {
        requireFeatures(data);
        int w = code.width();
        float[] values = new float[data.size() * w];
        for (int first = 0; first < data.size(); first += 1000) {
            int count = Math.min(1000, data.size() - first);
            double[] rows = decodedRows(data, first, count);
            for (int k = 0; k < rows.length; k++) {
                values[first * w + k] = (float) rows[k];
            }
        }
        return new Dataset(data.name() + " (" + code.name() + " " + code.bits() + "-bit codes)", values,
                data.labelArray(), w, SampleShape.flat(w), data.classes(), data.checksum(),
                Optional.of(InputScaling.uniform(1.0)));
    }

    /** @throws InvalidInputException naming both counts when the data set's features are not the quantizer's */
    public void requireFeatures(Dataset data) {
        if (data.dimension() != code.features()) {
            throw new InvalidInputException("data set " + data.name() + " has " + data.dimension() + " features per"
                    + " sample but the model's " + code.name() + " input quantizer was fitted on " + code.features()
                    + ". Maybe the data set the model was trained on?");
        }
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
