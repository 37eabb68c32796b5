package org.barq.objectives.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Samples already travel as flat channel-major rows: flattening changes the shape's name only. */
final class FlattenPass implements LayerPass {
    @Override
    public INDArray forward(INDArray x) {
        return x.dup();
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        return gradient.dup();
    }
}
