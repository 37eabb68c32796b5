package org.barq.evaluation;

import org.barq.objectives.network.ClassPair;
import org.barq.api.InvalidInputException;
import org.barq.api.model.Mlp;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batched input gradients of the pair gap {@code z_c1 - z_c2} (FORMULATION §5, §8): back-propagation for all samples
 * at once through the network's own backward passes, with respect to the scaled input, with ReLU'(0) = 0 (FORMULATION
 * §8: a unit exactly at its kink passes no gradient), in double.
 */
public final class InputGradients {
    private InputGradients() {
    }

    /**
     * @param model   the network the forward pass ran
     * @param forward its forward pass on {@code N} scaled inputs
     * @param pair    the classes {@code c1, c2} of each of the {@code N} samples
     * @return {@code grad_x (z_c1 - z_c2)}, {@code [N, d]}, row {@code i} for sample {@code i}
     */
    public static INDArray ofPairGap(Mlp model, Forward forward, ClassPair pair) {
        int n = forward.logits().rows();
        int k = model.classes();
        if (pair.size() != n) {
            throw new InvalidInputException("class pair covers " + pair.size() + " samples but the forward pass has "
                    + n + ". Maybe the pair was taken on another set?");
        }
        int[] c1 = pair.first();
        int[] c2 = pair.second();
        double[] seed = new double[n * k];
        for (int i = 0; i < n; i++) {
            seed[i * k + c1[i]] += 1.0;
            seed[i * k + c2[i]] -= 1.0;
        }
        return forward.pass().backward(Matrices.of(seed, n, k));
    }
}
