package org.barq.objectives.network;

import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;

/**
 * The patches of a convolution's input: one row per sample and output position ({@code n * P + oy * Wo + ox}),
 * one column per weight of an output channel ({@code (c * kh + ky) * kw + kx}, PyTorch's order of a weight
 * {@code [out, in, kh, kw]}), zero where the window hangs over the padding. A patch row times the weight matrix
 * {@code [out, in*kh*kw]} transposed is the convolution at that position: this is how rounding sees a conv layer.
 */
public final class Im2col {
    private final SampleShape input;
    private final SampleShape output;
    private final int kernelH;
    private final int kernelW;
    private final int stride;
    private final int padding;

    /**
     * @param conv  the convolution
     * @param input the shape of one sample entering it
     */
    public Im2col(Conv2d conv, SampleShape input) {
        this.input = input;
        this.output = conv.outputShape(input);
        this.kernelH = conv.kernelH();
        this.kernelW = conv.kernelW();
        this.stride = conv.stride();
        this.padding = conv.padding();
    }

    /** @return output positions per sample, {@code P = Ho * Wo} */
    public int positions() {
        return output.height() * output.width();
    }

    /** @return columns of a patch, {@code in * kh * kw} */
    public int columns() {
        return input.channels() * kernelH * kernelW;
    }

    /** @return the shape of one sample leaving the convolution */
    public SampleShape output() {
        return output;
    }

    /**
     * @param x       samples, row-major {@code [n, C*H*W]}
     * @param samples {@code n}
     * @return the patches, row-major {@code [n * P, in*kh*kw]}
     */
    public double[] patches(double[] x, int samples) {
        int columns = columns();
        double[] patches = new double[Math.multiplyExact(samples * positions(), columns)];
        walk(samples, (patch, pixel) -> patches[patch] = x[pixel]);
        return patches;
    }

    /**
     * Adds each patch entry back onto the input value it was copied from: the backward pass of {@link #patches}.
     *
     * @param patchGradient row-major {@code [n * P, in*kh*kw]}
     * @param samples       {@code n}
     * @return the gradient of the samples, row-major {@code [n, C*H*W]}
     */
    public double[] accumulate(double[] patchGradient, int samples) {
        double[] gradient = new double[samples * input.size()];
        walk(samples, (patch, pixel) -> gradient[pixel] += patchGradient[patch]);
        return gradient;
    }

    /**
     * Some rows of {@link #patches}, for a layer whose patch matrix is too large to hold whole.
     *
     * @param x    samples, row-major {@code [n, C*H*W]}
     * @param rows patch rows {@code n * P + p} to build, in the order wanted
     * @return those rows, row-major {@code [rows.length, in*kh*kw]}
     */
    public double[] rows(double[] x, int[] rows) {
        int columns = columns();
        double[] patches = new double[Math.multiplyExact(rows.length, columns)];
        for (int k = 0; k < rows.length; k++) {
            walkRow(rows[k], k * columns, (patch, pixel) -> patches[patch] = x[pixel]);
        }
        return patches;
    }

    /** Receives each (patch entry, input value) pair that lies inside the unpadded input. */
    private interface PairVisitor {
        void visit(int patchIndex, int pixelIndex);
    }

    private void walk(int samples, PairVisitor visitor) {
        int rows = samples * positions();
        for (int r = 0; r < rows; r++) {
            walkRow(r, r * columns(), visitor);
        }
    }

    /** Visits the pairs of patch row {@code row} ({@code n * P + p}), its entries starting at {@code rowBase}. */
    private void walkRow(int row, int rowBase, PairVisitor visitor) {
        int height = input.height();
        int width = input.width();
        int plane = height * width;
        int n = row / positions();
        int p = row % positions();
        int sampleBase = n * input.size();
        int top = (p / output.width()) * stride - padding;
        int left = (p % output.width()) * stride - padding;
        for (int c = 0; c < input.channels(); c++) {
            for (int ky = 0; ky < kernelH; ky++) {
                int iy = top + ky;
                if (iy < 0 || iy >= height) {
                    continue;
                }
                int column = (c * kernelH + ky) * kernelW;
                int pixelRow = sampleBase + c * plane + iy * width;
                for (int kx = 0; kx < kernelW; kx++) {
                    int ix = left + kx;
                    if (ix >= 0 && ix < width) {
                        visitor.visit(rowBase + column + kx, pixelRow + ix);
                    }
                }
            }
        }
    }
}
