package org.barq.objectives.network;

import org.barq.api.model.DenseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code z = x W^T + b}; back, {@code dx = dz W}, {@code dW = dz^T x}, {@code db} the column sums of {@code dz}. */
final class DensePass implements WeightPass {
    private final INDArray weight;
    private final INDArray bias;

    DensePass(DenseLayer layer) {
        this(Matrices.weight(layer), Matrices.bias(layer));
    }

    /** Over given parameters, e.g. a trainer's live views: the pass reads them at every call. */
    DensePass(INDArray weight, INDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public INDArray forward(INDArray x) {
        return x.mmul(weight.transpose()).addiRowVector(bias);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        return gradient.mmul(weight);
    }

    @Override
    public INDArray weightGradient(INDArray x, INDArray gradient) {
        return gradient.transpose().mmul(x);
    }

    @Override
    public INDArray biasGradient(INDArray gradient) {
        return gradient.sum(0).reshape(1, gradient.columns());
    }
}
