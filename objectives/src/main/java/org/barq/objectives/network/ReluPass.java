package org.barq.objectives.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code max(0, x)}; back, the gradient where {@code x > 0} (0 at {@code x = 0}, as PyTorch). */
final class ReluPass implements LayerPass {
    @Override
    public INDArray forward(INDArray x) {
        return Transforms.relu(x, true);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradient) {
        double[] in = Matrices.values(x);
        double[] g = Matrices.values(gradient);
        for (int i = 0; i < g.length; i++) {
            if (!(in[i] > 0)) {
                g[i] = 0;
            }
        }
        return Matrices.of(g, (int) gradient.rows(), (int) gradient.columns());
    }
}
