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
    /** Per output position, per patch column: the input value's index within a sample, or -1 in the padding. */
    private final int[] sources;

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
        this.sources = sources();
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
        int rows = samples * positions();
        int[] all = new int[rows];
        for (int r = 0; r < rows; r++) {
            all[r] = r;
        }
        return rows(x, all);
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
        int columns = columns();
        int positions = positions();
        for (int r = 0; r < samples * positions; r++) {
            int sampleBase = (r / positions) * input.size();
            int table = (r % positions) * columns;
            int rowBase = r * columns;
            for (int k = 0; k < columns; k++) {
                int source = sources[table + k];
                if (source >= 0) {
                    gradient[sampleBase + source] += patchGradient[rowBase + k];
                }
            }
        }
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
        double[] patches = new double[Math.multiplyExact(rows.length, columns())];
        for (int k = 0; k < rows.length; k++) {
            fillRow(x, rows[k], patches, k);
        }
        return patches;
    }

    /**
     * Writes the patch rows of samples {@code first .. first + count - 1} into {@code into}, row {@code 0} first: the
     * chunked form of {@link #patches}, for a caller that reuses one buffer.
     *
     * @param x     samples, row-major {@code [n, C*H*W]}
     * @param first the first sample
     * @param count how many samples
     * @param into  at least {@code count * P * in*kh*kw} values
     */
    public void fill(double[] x, int first, int count, double[] into) {
        int positions = positions();
        for (int k = 0; k < count * positions; k++) {
            fillRow(x, first * positions + k, into, k);
        }
    }

    private void fillRow(double[] x, int row, double[] into, int at) {
        int columns = columns();
        int sampleBase = (row / positions()) * input.size();
        int table = (row % positions()) * columns;
        int rowBase = at * columns;
        for (int c = 0; c < columns; c++) {
            int source = sources[table + c];
            into[rowBase + c] = source >= 0 ? x[sampleBase + source] : 0;
        }
    }

    /**
     * The index table that makes {@link #rows} and {@link #accumulate} one plain loop each: computed once per layer
     * ({@code P * in*kh*kw} ints) instead of working out the window position of every entry of every sample.
     */
    private int[] sources() {
        int columns = columns();
        int[] table = new int[positions() * columns];
        int plane = input.height() * input.width();
        for (int p = 0; p < positions(); p++) {
            int top = (p / output.width()) * stride - padding;
            int left = (p % output.width()) * stride - padding;
            for (int c = 0; c < input.channels(); c++) {
                for (int ky = 0; ky < kernelH; ky++) {
                    for (int kx = 0; kx < kernelW; kx++) {
                        int iy = top + ky;
                        int ix = left + kx;
                        boolean inside = iy >= 0 && iy < input.height() && ix >= 0 && ix < input.width();
                        table[p * columns + (c * kernelH + ky) * kernelW + kx] = inside
                                ? c * plane + iy * input.width() + ix : -1;
                    }
                }
            }
        }
        return table;
    }
}
