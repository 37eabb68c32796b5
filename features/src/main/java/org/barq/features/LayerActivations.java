package org.barq.features;

import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.barq.api.model.Network;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;

/**
 * The features a classifier on top of a trained network's hidden layer would see: hidden layer {@code L}
 * ({@code 1 <= L < W} for {@code W} weight layers) is what weight layer {@code L + 1} takes, an MLP's layer after its
 * ReLU, as in the evaluation's Fisher ratios (FORMULATION §8).
 */
public final class LayerActivations {
    /** Samples per pass, so that a set of any size goes through in bounded memory. */
    static final int BATCH = 1000;

    private LayerActivations() {
    }

    /** @return the number of hidden layers of {@code network}: its weight layers less one */
    public static int hiddenLayers(Network network) {
        return network.weightLayers().size() - 1;
    }

    /**
     * @param network a float network
     * @param scaled  its scaled inputs, row-major {@code [n, d]}
     * @param n       samples
     * @param layer   the hidden layer, 1-based
     * @return the layer's activations, row-major {@code [n, width]}
     * @throws InvalidInputException when the network has no such hidden layer
     */
    public static double[] of(Network network, double[] scaled, int n, int layer) {
        int hidden = hiddenLayers(network);
        if (layer < 1 || layer > hidden) {
            throw new InvalidInputException("hidden layer " + layer + " is not one of the model's " + hidden
                    + " hidden layers (1.." + hidden + "). Maybe --layer " + Math.max(1, hidden) + "?");
        }
        int at = network.weightLayers().get(layer);
        int d = network.input().size();
        int width = (int) network.shapeBefore(at).size();
        double[] out = new double[n * width];
        for (int start = 0; start < n; start += BATCH) {
            int count = Math.min(BATCH, n - start);
            double[] batch = Arrays.copyOfRange(scaled, start * d, (start + count) * d);
            double[] values = Matrices.values(NetworkPass.run(network, Matrices.of(batch, count, d)).input(at));
            System.arraycopy(values, 0, out, start * width, count * width);
        }
        return out;
    }
}
