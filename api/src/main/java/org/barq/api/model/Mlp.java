package org.barq.api.model;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;

/**
 * A multilayer perceptron {@code z = W_L s(... s(W_1 x + b_1) ...) + b_L} with ReLU {@code s} between layers and
 * none after the last (FORMULATION §1). Immutable.
 *
 * @param layers  the layers, first to last; each layer's {@code in} equals the previous layer's {@code out}
 * @param scaling how raw features become the first layer's inputs
 */
public record Mlp(List<DenseLayer> layers, InputScaling scaling) {

    /** Validates that there is at least one layer and that the shapes chain. */
    public Mlp {
        if (layers.isEmpty()) {
            throw new InvalidInputException("a model needs at least one layer.");
        }
        layers = List.copyOf(layers);
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).out()) {
                throw new InvalidInputException("layer " + i + " takes " + layers.get(i).in() + " inputs but layer "
                        + (i - 1) + " gives " + layers.get(i - 1).out() + ". Maybe the checkpoint is damaged?");
            }
        }
        scaling.requireWidth(layers.get(0).in());
    }

    /** @return the number of layers {@code L} */
    public int depth() {
        return layers.size();
    }

    /** @return layer {@code i}, 0-based */
    public DenseLayer layer(int i) {
        return layers.get(i);
    }

    /** @return the input width */
    public int inputs() {
        return layers.get(0).in();
    }

    /** @return the number of classes {@code K}, the last layer's width */
    public int classes() {
        return layers.get(layers.size() - 1).out();
    }

    /** @return the widths {@code [in, h_1, ..., K]}, e.g. {@code [64, 64, 10]} */
    public List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs());
        for (DenseLayer l : layers) {
            sizes.add(l.out());
        }
        return sizes;
    }

    /** @return a model equal to this one with layer {@code i} replaced */
    public Mlp withLayer(int i, DenseLayer layer) {
        List<DenseLayer> copy = new ArrayList<>(layers);
        copy.set(i, layer);
        return new Mlp(copy, scaling);
    }
}
