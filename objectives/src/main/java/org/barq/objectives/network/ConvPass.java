package org.barq.objectives.network;

import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution as one matrix product: {@link Im2col} patches times the weight matrix transposed, plus the bias, then
 * reordered from position-major rows to each sample's channel-major row. Back: the output gradient in patch order
 * times the weight matrix, added back onto the input by {@link Im2col#accumulate}.
 */
final class ConvPass implements LayerPass {
    private final Im2col im2col;
    private final INDArray weight;
    private final INDArray bias;

    ConvPass(Conv2d conv, SampleShape input) {
        this.im2col = new Im2col(conv, input);
        this.weight = Matrices.weight(conv.matrix());
        this.bias = Matrices.bias(conv.matrix());
    }

    @Override
    public INDArray forward(INDArray x) {
        int n = (int) x.rows();
        int positions = im2col.positions();
        INDArray patches = Matrices.of(im2col.patches(Matrices.values(x), n), n * positions, im2col.columns());
        double[] byPosition = Matrices.values(patches.mmul(weight.transpose()).addiRowVector(bias));
        int out = (int) weight.rows();
        double[] byChannel = new double[byPosition.length];
        for (int s = 0; s < n; s++) {
            for (int p = 0; p < positions; p++) {
                int from = (s * positions + p) * out;
                int to = s * out * positions + p;
                for (int o = 0; o < out; o++) {
                    byChannel[to + o * positions] = byPosition[from + o];
                }
            }
        }
        return Matrices.of(byChannel, n, out * positions);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        int n = (int) x.rows();
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
        INDArray patchGradient = Matrices.of(byPosition, n * positions, out).mmul(weight);
        return Matrices.of(im2col.accumulate(Matrices.values(patchGradient), n), n, (int) x.columns());
    }
}
