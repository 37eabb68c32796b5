package org.barq.api.model;

import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;

/**
 * A 2-D convolution without groups or dilation, as PyTorch's {@code Conv2d}: weight {@code [out, in, kh, kw]}, a bias
 * per output channel, one stride and one zero padding for both directions.
 *
 * <p>Its weight, read row-major, is the matrix {@code [out, in*kh*kw]} that {@link #matrix()} holds: rounding
 * treats it exactly like a dense layer's, with the im2col patches of the layer's input (one row per sample and
 * output position, columns ordered channel, then kernel row, then kernel column) as the layer's inputs.
 *
 * @param in      input channels
 * @param kernelH kernel rows {@code kh}
 * @param kernelW kernel columns {@code kw}
 * @param stride  the step between output positions, at least 1
 * @param padding zeros added on every side, at least 0
 * @param matrix  the weight as {@code [out, in*kh*kw]} and the bias
 */
public record Conv2d(int in, int kernelH, int kernelW, int stride, int padding, DenseLayer matrix) implements Layer {

    /** Validates the geometry against the matrix. */
    public Conv2d {
        if (in < 1 || kernelH < 1 || kernelW < 1 || stride < 1 || padding < 0) {
            throw new InvalidInputException("conv with " + in + " input channels, kernel " + kernelH + "x" + kernelW
                    + ", stride " + stride + ", padding " + padding + " is not a convolution. Maybe conv(16,k5,p2)?");
        }
        if ((long) in * kernelH * kernelW != matrix.in()) {
            throw new InvalidInputException(spec(matrix.out(), kernelH, kernelW, stride, padding) + " takes "
                    + in + " channels of " + kernelH + "x" + kernelW + " = " + ((long) in * kernelH * kernelW)
                    + " weights per output channel but has " + matrix.in() + ". Maybe the checkpoint is damaged?");
        }
    }

    /**
     * @param out     output channels
     * @param in      input channels
     * @param kernelH kernel rows
     * @param kernelW kernel columns
     * @param stride  the stride
     * @param padding the padding
     * @param weight  {@code [out, in, kh, kw]} row-major
     * @param bias    {@code [out]}
     * @return the layer
     */
    public static Conv2d of(int out, int in, int kernelH, int kernelW, int stride, int padding, float[] weight,
                            float[] bias) {
        return new Conv2d(in, kernelH, kernelW, stride, padding,
                new DenseLayer(out, in * kernelH * kernelW, weight, bias));
    }

    /** @return output channels */
    public int out() {
        return matrix.out();
    }

    /** {@inheritDoc} */
    @Override
    public SampleShape outputShape(SampleShape input) {
        if (input.channels() != in) {
            throw new InvalidInputException(spec() + " takes " + in + " channels but its input is " + input
                    + ". Maybe the previous layer has another number of channels?");
        }
        int paddedH = input.height() + 2 * padding;
        int paddedW = input.width() + 2 * padding;
        if (kernelH > paddedH || kernelW > paddedW) {
            throw new InvalidInputException(spec() + " cannot slide its " + kernelH + "x" + kernelW + " kernel over a "
                    + input + " input padded to " + paddedH + "x" + paddedW + ". Maybe more padding or fewer pools?");
        }
        return new SampleShape(out(), (paddedH - kernelH) / stride + 1, (paddedW - kernelW) / stride + 1);
    }

    /** {@inheritDoc} */
    @Override
    public String spec() {
        return spec(out(), kernelH, kernelW, stride, padding);
    }

    /** @return a layer with the same geometry and bias and the given weights, {@code [out, in*kh*kw]} row-major */
    public Conv2d withWeights(float[] weight) {
        return new Conv2d(in, kernelH, kernelW, stride, padding, matrix.withWeights(weight));
    }

    private static String spec(int out, int kernelH, int kernelW, int stride, int padding) {
        return "conv(" + out + ",k" + (kernelH == kernelW ? kernelH : kernelH + "x" + kernelW)
                + (stride == 1 ? "" : ",s" + stride) + (padding == 0 ? "" : ",p" + padding) + ")";
    }
}
