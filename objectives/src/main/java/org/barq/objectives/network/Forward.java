package org.barq.objectives.network;

import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch's {@link NetworkPass} through an {@link Mlp}, read by the MLP's layer numbers: layer {@code l} is the
 * network's dense layer {@code 2l}, its pre-activation the input of the ReLU after it (or the logits).
 */
public final class Forward {
    private final NetworkPass pass;
    private final int depth;

    private Forward(NetworkPass pass, int depth) {
        this.pass = pass;
        this.depth = depth;
    }

    /**
     * @param model the network
     * @param x     scaled inputs {@code [N, d]}
     * @return every layer's input and pre-activation
     */
    public static Forward run(Mlp model, INDArray x) {
        return new Forward(NetworkPass.run(Network.of(model), x), model.depth());
    }

    /**
     * @param model the network
     * @param data  raw samples, scaled with the model's scaling
     * @return every layer's input and pre-activation
     */
    public static Forward run(Mlp model, Dataset data) {
        return run(model, Matrices.of(data.scaledInputs(model.scaling()), data.size(), data.dimension()));
    }

    /** @return the pass through the network's layers, for going back through it */
    public NetworkPass pass() {
        return pass;
    }

    /** @return the logits {@code [N, K]} */
    public INDArray logits() {
        return pass.logits();
    }

    /** @return layer {@code l}'s input {@code [N, in]}: the scaled data for l = 0, else the ReLU of layer l-1 */
    public INDArray input(int l) {
        return pass.input(2 * l);
    }

    /** @return layer {@code l}'s pre-activation {@code [N, out]} with bias */
    public INDArray preActivation(int l) {
        return l + 1 < depth ? pass.input(2 * l + 1) : pass.logits();
    }

    /** @return the arg-max class of every sample; ties go to the lower class */
    public int[] predictions() {
        return pass.predictions();
    }
}
