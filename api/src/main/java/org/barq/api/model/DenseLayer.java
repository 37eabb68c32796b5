package org.barq.api.model;

import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;

/**
 * One fully connected layer {@code z = W x + b}, weights row-major {@code [out, in]} in F32, as stored in a
 * checkpoint. Instances are immutable: the arrays are copied in and never handed out for writing.
 */
public final class DenseLayer implements Layer {
    private final int out;
    private final int in;
    private final float[] weight;
    private final float[] bias;

    /**
     * @param out    output channels (rows), at least 1
     * @param in     inputs (columns), at least 1
     * @param weight row-major {@code out * in} values, all finite
     * @param bias   {@code out} values, all finite
     * @throws InvalidInputException if a size does not match or a value is NaN or infinite
     */
    public DenseLayer(int out, int in, float[] weight, float[] bias) {
        if (out < 1 || in < 1) {
            throw new InvalidInputException("layer shape [" + out + ", " + in + "] is empty. Maybe the checkpoint is damaged?");
        }
        if (weight.length != (long) out * in) {
            throw new InvalidInputException("weight has " + weight.length + " values but shape [" + out + ", " + in
                    + "] needs " + ((long) out * in) + ".");
        }
        if (bias.length != out) {
            throw new InvalidInputException("bias has " + bias.length + " values but the layer has " + out + " outputs.");
        }
        requireFinite(weight, "weight");
        requireFinite(bias, "bias");
        this.out = out;
        this.in = in;
        this.weight = weight.clone();
        this.bias = bias.clone();
    }

    private static void requireFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(what + " value " + i + " is " + values[i]
                        + ". Maybe training diverged: try a lower learning rate.");
            }
        }
    }

    /** @return the number of output channels (rows of {@code W}) */
    public int out() {
        return out;
    }

    /** @return the number of inputs (columns of {@code W}) */
    public int in() {
        return in;
    }

    /** @return {@code W[r][j]} */
    public float weight(int r, int j) {
        return weight[r * in + j];
    }

    /** @return a fresh copy of the row-major weights */
    public float[] weights() {
        return weight.clone();
    }

    /** @return a fresh copy of the bias */
    public float[] biases() {
        return bias.clone();
    }

    /** @return the weights widened to double, row-major, a fresh array */
    public double[] weightsAsDouble() {
        double[] d = new double[weight.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = weight[i];
        }
        return d;
    }

    /** @return the bias widened to double, a fresh array */
    public double[] biasesAsDouble() {
        double[] d = new double[bias.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = bias[i];
        }
        return d;
    }

    /** Any shape of {@code in} values: samples travel as flat channel-major rows, so no flatten is needed before. */
    @Override
    public SampleShape outputShape(SampleShape input) {
        if (input.size() != in) {
            throw new InvalidInputException(spec() + " takes " + in + " inputs but its input is " + input + " = "
                    + input.size() + " values. Maybe the layers before it changed, or a flatten is missing?");
        }
        return SampleShape.flat(out);
    }

    /** {@inheritDoc} */
    @Override
    public String spec() {
        return "dense(" + out + ")";
    }

    /** @return a layer with the same shape and bias and the given weights */
    public DenseLayer withWeights(float[] newWeight) {
        return new DenseLayer(out, in, newWeight, bias);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer l && l.out == out && l.in == in
                && Arrays.equals(l.weight, weight) && Arrays.equals(l.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weight) + Arrays.hashCode(bias);
    }
}
