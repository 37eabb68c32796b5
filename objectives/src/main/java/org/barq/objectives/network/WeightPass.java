package org.barq.objectives.network;

import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Layer;
import org.barq.api.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The pass of a layer with weights, which also gives the gradients of its weight matrix and bias (for training). */
public interface WeightPass extends LayerPass {
    /**
     * @param x        the inputs {@code [N, in]} the forward pass was given
     * @param gradient {@code dL/d(output)}, {@code [N, out]}
     * @return {@code dL/dW} for the weight matrix {@code [out, in*kh*kw]} (a dense layer's {@code [out, in]})
     */
    INDArray weightGradient(INDArray x, INDArray gradient);

    /**
     * @param gradient {@code dL/d(output)}, {@code [N, out]}
     * @return {@code dL/db}, {@code [1, out]}
     */
    INDArray biasGradient(INDArray gradient);

    /**
     * @param layer  a dense or conv layer, for its geometry
     * @param input  the shape of one sample entering it
     * @param weight the weight matrix {@code [out, in*kh*kw]} the pass reads at every call, e.g. a trainer's view
     * @param bias   the bias {@code [1, out]}, likewise
     * @return its pass over those parameters
     */
    static WeightPass of(Layer layer, SampleShape input, INDArray weight, INDArray bias) {
        if (layer instanceof Conv2d conv) {
            return new ConvPass(conv, input, weight, bias);
        }
        if (layer instanceof DenseLayer) {
            return new DensePass(weight, bias);
        }
        throw new IllegalArgumentException(layer.spec() + " has no weights");
    }

    /**
     * @param layer a dense or conv layer
     * @param input the shape of one sample entering it
     * @return its pass
     */
    static WeightPass of(Layer layer, SampleShape input) {
        if (!Network.isWeightLayer(layer)) {
            throw new IllegalArgumentException(layer.spec() + " has no weights");
        }
        return (WeightPass) LayerPass.of(layer, input);
    }
}
