package org.barq.objectives.network;

import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution as one matrix product: {@link Im2col} patches times the weight matrix transposed, plus the bias, then
 * reordered from position-major rows to each sample's channel-major row. Back: the output gradient in patch order
 * times the weight matrix, added back onto the input by {@link Im2col#accumulate}; the weights' gradient is that
 * output gradient transposed times the patches, the bias's its sum over samples and positions.
 */
final class ConvPass implements WeightPass {
    /**
     * Patch rows per product: the patches of a whole batch would be gigabytes of fresh memory, and touching fresh
     * memory for the first time, not the arithmetic, was most of a conv pass on this machine (docs/performance.md);
     * two buffers of this many rows are reused instead.
     */
    static final int CHUNK_ROWS = 8192;

    private final Im2col im2col;
    private final INDArray weight;
    private final INDArray bias;

    ConvPass(Conv2d conv, SampleShape input) {
        this(conv, input, Matrices.weight(conv.matrix()), Matrices.bias(conv.matrix()));
    }

    /** Over given parameters {@code [out, in*kh*kw]} and {@code [1, out]}: the pass reads them at every call. */
    ConvPass(Conv2d conv, SampleShape input, INDArray weight, INDArray bias) {
        this.im2col = new Im2col(conv, input);
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public INDArray forward(INDArray x) {
        int n = (int) x.rows();
        int positions = im2col.positions();
        int out = (int) weight.rows();
        double[] in = Matrices.values(x);
        double[] byChannel = new double[n * out * positions];
        int chunk = Math.max(1, Math.min(n, CHUNK_ROWS / positions));
        MatrixBuffer patches = new MatrixBuffer(chunk * positions, im2col.columns());
        MatrixBuffer products = new MatrixBuffer(chunk * positions, out);
        double[] b = Matrices.values(bias);
        for (int first = 0; first < n; first += chunk) {
            int count = Math.min(chunk, n - first);
            if (count < chunk) {
                patches = new MatrixBuffer(count * positions, im2col.columns());
                products = new MatrixBuffer(count * positions, out);
            }
            im2col.fill(in, first, count, patches.values());
            patches.upload();
            Nd4j.gemm(patches.matrix(), weight, products.matrix(), false, true, 1.0, 0.0);
            products.download();
            double[] byPosition = products.values();
            for (int s = 0; s < count; s++) {
                for (int p = 0; p < positions; p++) {
                    int from = (s * positions + p) * out;
                    int to = (first + s) * out * positions + p;
                    for (int o = 0; o < out; o++) {
                        byChannel[to + o * positions] = byPosition[from + o] + b[o];
                    }
                }
            }
        }
        return Matrices.of(byChannel, n, out * positions);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        int n = (int) x.rows();
        INDArray patchGradient = byPosition(gradient).mmul(weight);
        return Matrices.of(im2col.accumulate(Matrices.values(patchGradient), n), n, (int) x.columns());
    }

    @Override
    public INDArray weightGradient(INDArray x, INDArray gradient) {
        int n = (int) x.rows();
        INDArray patches = Matrices.of(im2col.patches(Matrices.values(x), n), n * im2col.positions(),
                im2col.columns());
        return byPosition(gradient).transpose().mmul(patches);
    }

    @Override
    public INDArray biasGradient(INDArray gradient) {
        INDArray g = byPosition(gradient);
        return g.sum(0).reshape(1, g.columns());
    }

    /** @return the output gradient as {@code [N * P, out]}, one row per sample and position like the patches */
    private INDArray byPosition(INDArray gradient) {
        int n = (int) gradient.rows();
        int positions = im2col.positions();
        int out = (int) weight.rows();
        double[] byChannel = Matrices.values(gradient);
        double[] byPosition = new double[byChannel.length];
        for (int s = 0; s < n; s++) {
            for (int p = 0; p < positions; p++) {
                int to = (s * positions + p) * out;
                int from = s * out * positions + p;
                for (int o = 0; o < out; o++) {
                    byPosition[to + o] = byChannel[from + o * positions];
                }
            }
        }
        return Matrices.of(byPosition, n * positions, out);
    }
}
