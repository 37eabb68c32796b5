package org.barq.objectives.network;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batched forward passes of an {@link Mlp} with ND4J, in double. Records every layer's input and pre-activation
 * so that objectives and metrics can read them.
 */
public final class Forward {
    private final List<INDArray> inputs;
    private final List<INDArray> preActivations;

    private Forward(List<INDArray> inputs, List<INDArray> preActivations) {
        this.inputs = inputs;
        this.preActivations = preActivations;
    }

    /**
     * @param model the network
     * @param x     scaled inputs {@code [N, d]}
     * @return every layer's input and pre-activation
     */
    public static Forward run(Mlp model, INDArray x) {
        List<INDArray> ins = new ArrayList<>();
        List<INDArray> pres = new ArrayList<>();
        INDArray h = x;
        for (int l = 0; l < model.depth(); l++) {
            ins.add(h);
            INDArray z = h.mmul(Matrices.weight(model.layer(l)).transpose()).addiRowVector(Matrices.bias(model.layer(l)));
            pres.add(z);
            h = l + 1 < model.depth() ? Transforms.relu(z, true) : z;
        }
        return new Forward(ins, pres);
    }

    /**
     * @param model the network
     * @param data  raw samples, scaled with the model's scaling
     * @return every layer's input and pre-activation
     */
    public static Forward run(Mlp model, Dataset data) {
        return run(model, Matrices.of(data.scaledInputs(model.scaling()), data.size(), data.dimension()));
    }

    /** @return the logits {@code [N, K]} */
    public INDArray logits() {
        return preActivations.get(preActivations.size() - 1);
    }

    /** @return layer {@code l}'s input {@code [N, in]}: the scaled data for l = 0, else the ReLU of layer l-1 */
    public INDArray input(int l) {
        return inputs.get(l);
    }

    /** @return layer {@code l}'s pre-activation {@code [N, out]} with bias */
    public INDArray preActivation(int l) {
        return preActivations.get(l);
    }

    /** @return the arg-max class of every sample; ties go to the lower class */
    public int[] predictions() {
        INDArray z = logits();
        int n = (int) z.rows();
        int k = (int) z.columns();
        double[] v = Matrices.values(z);
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
}
