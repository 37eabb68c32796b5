package org.barq.api.model;

import java.util.Arrays;
import java.util.List;
import org.barq.api.InvalidInputException;

/**
 * A rounded network: the integer form of every dense and conv layer, plus the float network that runs it (weights =
 * the dequantized codes, biases kept in F32).
 *
 * @param bits      the bit width of every weight layer
 * @param quantized the codes and scales, one per weight layer in {@link Network#weightLayers()} order; a conv
 *                  layer's codes are its weight matrix {@code [out, in*kh*kw]}
 * @param network   the runnable network; its weights equal the dequantized codes exactly
 */
public record RoundedModel(int bits, List<QuantizedLayer> quantized, Network network) {

    /** Validates that the codes match the network's weight layers one by one and are in range. */
    public RoundedModel {
        quantized = List.copyOf(quantized);
        List<Integer> weightLayers = network.weightLayers();
        if (quantized.size() != weightLayers.size()) {
            throw new InvalidInputException("rounded model has " + quantized.size() + " quantized layers but "
                    + weightLayers.size() + " weight layers.");
        }
        for (int k = 0; k < quantized.size(); k++) {
            int i = weightLayers.get(k);
            QuantizedLayer q = quantized.get(k);
            DenseLayer l = Network.matrixOf(network.layer(i));
            if (q.out() != l.out() || q.in() != l.in()) {
                throw new InvalidInputException("layer " + i + " codes are [" + q.out() + ", " + q.in()
                        + "] but its weight is [" + l.out() + ", " + l.in() + "].");
            }
            q.requireRange(bits);
            if (!Arrays.equals(q.dequantized(), l.weights())) {
                throw new InvalidInputException("layer " + i + ": weight != scale * codes in F32. Maybe the file was"
                        + " edited after rounding?");
            }
        }
    }

    /**
     * @param bits      bit width
     * @param quantized codes and scales per weight layer
     * @param source    the float network whose biases, geometry and scaling are kept
     * @return the rounded model with dequantized weights
     */
    public static RoundedModel of(int bits, List<QuantizedLayer> quantized, Network source) {
        Network network = source;
        List<Integer> weightLayers = source.weightLayers();
        for (int k = 0; k < Math.min(quantized.size(), weightLayers.size()); k++) {
            network = network.withWeights(weightLayers.get(k), quantized.get(k).dequantized());
        }
        return new RoundedModel(bits, quantized, network);
    }

    /**
     * @return the one group size G of every layer's scales, a layer G inputs wide counting as one group per row; 0
     *         when every layer has one scale per row
     * @throws InvalidInputException when the layers' group sizes differ, which neither a checkpoint's one
     *                               {@code barq.group_size} nor an export's one setting can record
     */
    public int groupSize() {
        int size = 0;
        for (QuantizedLayer q : quantized) {
            if (q.groups() > 1) {
                size = q.groupSize();
                break;
            }
        }
        for (int k = 0; k < quantized.size() && size > 0; k++) {
            QuantizedLayer q = quantized.get(k);
            if (q.groupSize() != size) {
                throw new InvalidInputException("weight layer " + k + " has groups of " + q.groupSize() + " of its "
                        + q.in() + " inputs while another has groups of " + size + "; a file records one group"
                        + " size. Maybe round every layer with one group size?");
            }
        }
        return size;
    }
}
