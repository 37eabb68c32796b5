package org.barq.objectives.network;

import org.barq.api.data.SampleShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max or average pooling. Back, max pooling routes each window's gradient to its arg-max, the first maximum in
 * row-major window order on ties (PyTorch's CPU kernel keeps the first too); average pooling spreads it evenly.
 */
final class PoolPass implements LayerPass {
    private final PoolWindows windows;
    private final boolean max;

    PoolPass(PoolWindows windows, boolean max) {
        this.windows = windows;
        this.max = max;
    }

    @Override
    public INDArray forward(INDArray x) {
        int n = (int) x.rows();
        double[] in = Matrices.values(x);
        SampleShape out = windows.output();
        double[] y = new double[n * out.size()];
        visit(n, (outIndex, inIndices) -> {
            if (max) {
                y[outIndex] = in[inIndices[argMax(in, inIndices)]];
            } else {
                double sum = 0;
                for (int i : inIndices) {
                    sum += in[i];
                }
                y[outIndex] = sum / inIndices.length;
            }
        });
        return Matrices.of(y, n, out.size());
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        int n = (int) x.rows();
        double[] in = Matrices.values(x);
        double[] g = Matrices.values(gradient);
        double[] dx = new double[in.length];
        visit(n, (outIndex, inIndices) -> {
            if (max) {
                dx[inIndices[argMax(in, inIndices)]] += g[outIndex];
            } else {
                for (int i : inIndices) {
                    dx[i] += g[outIndex] / inIndices.length;
                }
            }
        });
        return Matrices.of(dx, n, (int) x.columns());
    }

    private static int argMax(double[] in, int[] indices) {
        int best = 0;
        for (int k = 1; k < indices.length; k++) {
            if (in[indices[k]] > in[indices[best]]) {
                best = k;
            }
        }
        return best;
    }

    /** Receives each output value's index and the indices of its window's inputs, reused between calls. */
    private interface WindowVisitor {
        void visit(int outIndex, int[] inIndices);
    }

    private void visit(int samples, WindowVisitor visitor) {
        SampleShape in = windows.input();
        SampleShape out = windows.output();
        int kernel = windows.kernel();
        int[] window = new int[kernel * kernel];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < in.channels(); c++) {
                int plane = s * in.size() + c * in.height() * in.width();
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        int k = 0;
                        for (int ky = 0; ky < kernel; ky++) {
                            int row = plane + (oy * windows.stride() + ky) * in.width() + ox * windows.stride();
                            for (int kx = 0; kx < kernel; kx++) {
                                window[k++] = row + kx;
                            }
                        }
                        visitor.visit(s * out.size() + (c * out.height() + oy) * out.width() + ox, window);
                    }
                }
            }
        }
    }
}
