package org.barq.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;

/**
 * A feed-forward network: a chain of typed layers from the scaled input to the logits. An {@link Mlp} is the chain
 * dense, relu, ..., dense ({@link #of(Mlp)}). Immutable.
 *
 * @param layers  the layers, first to last
 * @param input   the shape of one sample, as its data set holds it
 * @param scaling how raw features become the first layer's inputs
 */
public record Network(List<Layer> layers, SampleShape input, InputScaling scaling) {

    /** Validates that the shapes chain and that the network has a weight layer to round. */
    public Network {
        layers = List.copyOf(layers);
        scaling.requireWidth(input.size());
        SampleShape shape = input;
        boolean weighted = false;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("layer " + i + " " + e.getMessage(), e);
            }
            weighted |= isWeightLayer(layers.get(i));
        }
        if (!weighted) {
            throw new InvalidInputException("a network needs at least one dense or conv layer; this one is "
                    + specs(layers) + ". Maybe the checkpoint is damaged?");
        }
    }

    /** @return the network equivalent to the MLP: its dense layers with a ReLU between each two */
    public static Network of(Mlp mlp) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < mlp.depth(); l++) {
            if (l > 0) {
                layers.add(new Relu());
            }
            layers.add(mlp.layer(l));
        }
        return new Network(layers, SampleShape.flat(mlp.inputs()), mlp.scaling());
    }

    /** @return whether rounding has weights to round in the layer: a dense or a conv layer */
    public static boolean isWeightLayer(Layer layer) {
        return layer instanceof DenseLayer || layer instanceof Conv2d;
    }

    /** @return the weight matrix {@code [out, in*kh*kw]} of a dense or conv layer, which is what rounding sees */
    public static DenseLayer matrixOf(Layer layer) {
        if (layer instanceof DenseLayer dense) {
            return dense;
        }
        if (layer instanceof Conv2d conv) {
            return conv.matrix();
        }
        throw new IllegalArgumentException(layer.spec() + " has no weights");
    }

    /**
     * @return the MLP this network is, when it is one: dense layers with a ReLU between each two (flattens, which
     *         change no values, aside); empty for anything else
     */
    public Optional<Mlp> asMlp() {
        List<DenseLayer> dense = new ArrayList<>();
        boolean reluPending = false;
        for (Layer layer : layers) {
            if (layer instanceof DenseLayer d && dense.isEmpty() == !reluPending) {
                dense.add(d);
                reluPending = false;
            } else if (layer instanceof Relu && !dense.isEmpty() && !reluPending) {
                reluPending = true;
            } else if (!(layer instanceof Flatten)) {
                return Optional.empty();
            }
        }
        return reluPending || dense.isEmpty() ? Optional.empty() : Optional.of(new Mlp(dense, scaling));
    }

    /** @return layer {@code i}, 0-based */
    public Layer layer(int i) {
        return layers.get(i);
    }

    /** @return the shape entering layer {@code i}; {@code i = layers().size()} gives the output's */
    public SampleShape shapeBefore(int i) {
        SampleShape shape = input;
        for (int k = 0; k < i; k++) {
            shape = layers.get(k).outputShape(shape);
        }
        return shape;
    }

    /** @return the indices of the dense and conv layers, first to last: the layers rounding visits */
    public List<Integer> weightLayers() {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (isWeightLayer(layers.get(i))) {
                indices.add(i);
            }
        }
        return indices;
    }

    /** @return the number of classes {@code K}: the size of the output */
    public int classes() {
        return shapeBefore(layers.size()).size();
    }

    /** @return the network with layer {@code i} replaced (same type and shape, e.g. rounded weights) */
    public Network withLayer(int i, Layer layer) {
        List<Layer> copy = new ArrayList<>(layers);
        copy.set(i, layer);
        return new Network(copy, input, scaling);
    }

    /**
     * @param i       a dense or conv layer's index
     * @param weights its new weight matrix {@code [out, in*kh*kw]}, row-major
     * @return the network with that layer's weights replaced, its geometry and bias kept
     */
    public Network withWeights(int i, float[] weights) {
        Layer layer = layers.get(i);
        if (layer instanceof DenseLayer dense) {
            return withLayer(i, dense.withWeights(weights));
        }
        if (layer instanceof Conv2d conv) {
            return withLayer(i, conv.withWeights(weights));
        }
        throw new IllegalArgumentException("layer " + i + " " + layer.spec() + " has no weights");
    }

    /** @return the layers as the architecture spec writes them, e.g. {@code conv(8,k3)-relu-flatten-dense(10)} */
    public String spec() {
        return specs(layers);
    }

    private static String specs(List<Layer> layers) {
        List<String> parts = new ArrayList<>();
        layers.forEach(l -> parts.add(l.spec()));
        return String.join("-", parts);
    }
}
