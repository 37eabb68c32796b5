package org.barq.evaluation;

import org.barq.api.InvalidInputException;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batched input gradients of the pair gap {@code z_c1 - z_c2} (FORMULATION §5, §8): back-propagation for all samples
 * at once through the network's own backward passes (conv, pooling with max-pool routing to the arg-max, ReLU with
 * ReLU'(0) = 0), with respect to the scaled input, in double.
 */
public final class InputGradients {
    private InputGradients() {
    }

    /**
     * @param pass the network's pass on {@code N} scaled inputs
     * @param pair the classes {@code c1, c2} of each of the {@code N} samples
     * @return {@code grad_x (z_c1 - z_c2)}, {@code [N, d]}, row {@code i} for sample {@code i}
     */
    public static INDArray ofPairGap(NetworkPass pass, ClassPair pair) {
        return ofPairGap(pass, pair.first(), pair.second());
    }

    static INDArray ofPairGap(NetworkPass pass, int[] c1, int[] c2) {
        return ofPairGap(pass, c1, c2, null, null);
    }

    /**
     * The gradient of {@code s1 z_c1 - s2 z_c2}: the pair gap of logits that a correction scales per sample and class
     * (its cluster is constant near the sample, so its shift drops out).
     *
     * @param s1 the factor of each sample's {@code z_c1}; null for 1
     * @param s2 the factor of each sample's {@code z_c2}; null for 1
     */
    static INDArray ofPairGap(NetworkPass pass, int[] c1, int[] c2, double[] s1, double[] s2) {
        int n = (int) pass.logits().rows();
        int k = (int) pass.logits().columns();
        if (c1.length != n) {
            throw new InvalidInputException("class pair covers " + c1.length + " samples but the forward pass has "
                    + n + ". Maybe the pair was taken on another set?");
        }
        double[] seed = new double[n * k];
        for (int i = 0; i < n; i++) {
            seed[i * k + c1[i]] += s1 == null ? 1.0 : s1[i];
            seed[i * k + c2[i]] -= s2 == null ? 1.0 : s2[i];
        }
        return pass.backward(Matrices.of(seed, n, k));
    }
}
