package org.barq.api.model;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;

/**
 * A rounded MLP: the integer form of every layer, plus the float model that runs it (weights = the dequantized
 * codes, biases kept in F32).
 *
 * @param bits      the bit width of every layer
 * @param quantized the codes and scales, one per layer
 * @param model     the runnable model; its weights equal the dequantized codes exactly
 */
public record RoundedModel(int bits, List<QuantizedLayer> quantized, Mlp model) {

    /** Validates that the codes match the model layer by layer and are in range. */
    public RoundedModel {
        quantized = List.copyOf(quantized);
        if (quantized.size() != model.depth()) {
            throw new InvalidInputException("rounded model has " + quantized.size() + " quantized layers but "
                    + model.depth() + " layers.");
        }
        for (int i = 0; i < quantized.size(); i++) {
            QuantizedLayer q = quantized.get(i);
            DenseLayer l = model.layer(i);
            if (q.out() != l.out() || q.in() != l.in()) {
                throw new InvalidInputException("layer " + i + " codes are [" + q.out() + ", " + q.in()
                        + "] but its weight is [" + l.out() + ", " + l.in() + "].");
            }
            q.requireRange(bits);
            if (!java.util.Arrays.equals(q.dequantized(), l.weights())) {
                throw new InvalidInputException("layer " + i + ": weight != scale * codes in F32. Maybe the file was"
                        + " edited after rounding?");
            }
        }
    }

    /**
     * @param bits      bit width
     * @param quantized codes and scales per layer
     * @param source    the float model whose biases and scaling are kept
     * @return the rounded model with dequantized weights
     */
    public static RoundedModel of(int bits, List<QuantizedLayer> quantized, Mlp source) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i < quantized.size(); i++) {
            QuantizedLayer q = quantized.get(i);
            layers.add(new DenseLayer(q.out(), q.in(), q.dequantized(), source.layer(i).biases()));
        }
        return new RoundedModel(bits, quantized, new Mlp(layers, source.scaling()));
    }
}
