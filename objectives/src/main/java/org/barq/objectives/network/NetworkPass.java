package org.barq.objectives.network;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch's trip through a {@link Network}: every layer's input (what rounding reads for its weight layers, and
 * what the backward pass needs) and the logits; then, on request, a gradient of the logits carried back to the
 * scaled input.
 */
public final class NetworkPass {
    private final List<LayerPass> passes;
    private final List<INDArray> inputs;
    private final INDArray logits;

    private NetworkPass(List<LayerPass> passes, List<INDArray> inputs, INDArray logits) {
        this.passes = passes;
        this.inputs = inputs;
        this.logits = logits;
    }

    /**
     * @param network the network
     * @param x       scaled inputs {@code [N, C*H*W]}
     * @return every layer's input and the logits
     */
    public static NetworkPass run(Network network, INDArray x) {
        List<LayerPass> passes = new ArrayList<>();
        SampleShape shape = network.input();
        for (int i = 0; i < network.layers().size(); i++) {
            passes.add(LayerPass.of(network.layer(i), shape));
            shape = network.layer(i).outputShape(shape);
        }
        return through(passes, x);
    }

    /**
     * @param passes the layers' passes, first to last (a trainer's, over its live parameters)
     * @param x      scaled inputs {@code [N, C*H*W]}
     * @return every layer's input and the logits
     */
    public static NetworkPass through(List<LayerPass> passes, INDArray x) {
        List<INDArray> inputs = new ArrayList<>();
        INDArray h = x;
        for (LayerPass pass : passes) {
            inputs.add(h);
            h = pass.forward(h);
        }
        return new NetworkPass(List.copyOf(passes), inputs, h);
    }

    /**
     * @param network the network
     * @param x       scaled inputs {@code [N, C*H*W]}
     * @param layer   {@code i}
     * @return layer {@code i}'s input, computing only the layers before it
     */
    public static INDArray inputOf(Network network, INDArray x, int layer) {
        SampleShape shape = network.input();
        INDArray h = x;
        for (int i = 0; i < layer; i++) {
            h = LayerPass.of(network.layer(i), shape).forward(h);
            shape = network.layer(i).outputShape(shape);
        }
        return h;
    }

    /** @return the logits {@code [N, K]} */
    public INDArray logits() {
        return logits;
    }

    /** @return the arg-max class of every sample; ties go to the lower class */
    public int[] predictions() {
        int n = (int) logits.rows();
        int k = (int) logits.columns();
        double[] v = Matrices.values(logits);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (v[i * k + c] > v[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** @return layer {@code i}'s input {@code [N, C*H*W]}: the scaled data for {@code i = 0} */
    public INDArray input(int i) {
        return inputs.get(i);
    }

    /**
     * @param logitGradient {@code dL/d(logits)}, {@code [N, K]}
     * @return {@code dL/d(scaled input)}, {@code [N, C*H*W]}
     */
    public INDArray backward(INDArray logitGradient) {
        return gradientAtOutputOf(-1, logitGradient);
    }

    /** Receives one weight layer's gradients. */
    public interface WeightGradients {
        /**
         * @param layer  the layer's index
         * @param weight {@code dL/dW}, {@code [out, in*kh*kw]}
         * @param bias   {@code dL/db}, {@code [1, out]}
         */
        void accept(int layer, INDArray weight, INDArray bias);
    }

    /**
     * The gradients of every weight layer, last to first (training); the gradient is not carried below the first
     * layer, which no one asks for.
     *
     * @param logitGradient {@code dL/d(logits)}, {@code [N, K]}
     * @param sink          given each dense and conv layer's gradients
     */
    public void weightGradients(INDArray logitGradient, WeightGradients sink) {
        INDArray g = logitGradient;
        for (int i = passes.size() - 1; i >= 0; i--) {
            if (passes.get(i) instanceof WeightPass w) {
                sink.accept(i, w.weightGradient(inputs.get(i), g), w.biasGradient(g));
            }
            if (i > 0) {
                g = passes.get(i).backward(inputs.get(i), g);
            }
        }
    }

    /**
     * @param layer         {@code i}; -1 for the scaled input
     * @param logitGradient {@code dL/d(logits)}, {@code [N, K]}
     * @return {@code dL/d(output of layer i)}: the logit gradient carried back through the layers after {@code i}
     */
    public INDArray gradientAtOutputOf(int layer, INDArray logitGradient) {
        INDArray g = logitGradient;
        for (int i = passes.size() - 1; i > layer; i--) {
            g = passes.get(i).backward(inputs.get(i), g);
        }
        return g;
    }
}
