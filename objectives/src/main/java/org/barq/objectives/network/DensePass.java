package org.barq.objectives.network;

import org.barq.api.model.DenseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code z = x W^T + b}; back, {@code dx = dz W}. */
final class DensePass implements LayerPass {
    private final INDArray weight;
    private final INDArray bias;

    DensePass(DenseLayer layer) {
        this.weight = Matrices.weight(layer);
        this.bias = Matrices.bias(layer);
    }

    @Override
    public INDArray forward(INDArray x) {
        return x.mmul(weight.transpose()).addiRowVector(bias);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        return gradient.mmul(weight);
    }
}
