package org.barq.objectives.network;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Layer;
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
        return through(passes(network, null), x);
    }

    /** A weight layer's parameters in double, by the layer's index in the network's list. */
    public interface Parameters {
        /** @return layer {@code i}'s weight matrix {@code [out, in*kh*kw]} */
        INDArray weight(int i);

        /** @return layer {@code i}'s bias {@code [1, out]} */
        INDArray bias(int i);
    }

    /**
     * @param layout     the layers' kinds and shapes
     * @param parameters the weight layers' parameters, read at every call (e.g. a trainer's live views); null for
     *                   the network's own weights
     * @return every layer's pass, first to last
     */
    public static List<LayerPass> passes(Network layout, Parameters parameters) {
        List<LayerPass> passes = new ArrayList<>();
        SampleShape shape = layout.input();
        for (int i = 0; i < layout.layers().size(); i++) {
            Layer layer = layout.layer(i);
            passes.add(parameters != null && Network.isWeightLayer(layer)
                    ? WeightPass.of(layer, shape, parameters.weight(i), parameters.bias(i))
                    : LayerPass.of(layer, shape));
            shape = layer.outputShape(shape);
        }
        return passes;
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
        return Matrices.rowArgMax(Matrices.values(logits), (int) logits.rows(), (int) logits.columns());
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
        gradients(logitGradient, sink, false);
    }

    /**
     * {@link #weightGradients}, carried on below the first layer: what a trainable stage in front of the network
     * (an input quantizer) needs.
     *
     * @param logitGradient {@code dL/d(logits)}, {@code [N, K]}
     * @param sink          given each dense and conv layer's gradients
     * @return {@code dL/d(input)}, {@code [N, C*H*W]}
     */
    public INDArray weightAndInputGradients(INDArray logitGradient, WeightGradients sink) {
        return gradients(logitGradient, sink, true);
    }

    private INDArray gradients(INDArray logitGradient, WeightGradients sink, boolean toInput) {
        INDArray g = logitGradient;
        for (int i = passes.size() - 1; i >= 0; i--) {
            if (passes.get(i) instanceof WeightPass w) {
                sink.accept(i, w.weightGradient(inputs.get(i), g), w.biasGradient(g));
            }
            if (i > 0 || toInput) {
                g = passes.get(i).backward(inputs.get(i), g);
            }
        }
        return toInput ? g : null;
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
