package org.barq.objectives.network;

import org.barq.api.data.SampleShape;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Relu;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one forward and backward pass of a layer kind, on a batch in double: {@code [N, C*H*W]}, one sample per row,
 * channel-major. Passes keep no state between calls: the backward pass is given the input the forward pass saw, so
 * that a caller that recorded the inputs (rounding does) can go back through any layer.
 */
public interface LayerPass {
    /**
     * @param x the inputs {@code [N, in]}
     * @return the outputs {@code [N, out]}, a new array
     */
    INDArray forward(INDArray x);

    /**
     * @param x        the inputs {@code [N, in]} the forward pass was given
     * @param gradient {@code dL/d(output)}, {@code [N, out]}
     * @return {@code dL/d(input)}, {@code [N, in]}, a new array
     */
    INDArray backward(INDArray x, INDArray gradient);

    /**
     * @param layer the layer
     * @param input the shape of one sample entering it
     * @return its pass
     */
    static LayerPass of(Layer layer, SampleShape input) {
        if (layer instanceof DenseLayer dense) {
            return new DensePass(dense);
        }
        if (layer instanceof Conv2d conv) {
            return new ConvPass(conv, input);
        }
        if (layer instanceof Relu) {
            return new ReluPass();
        }
        if (layer instanceof MaxPool2d max) {
            return new PoolPass(new PoolWindows(input, max.outputShape(input), max.kernel(), max.stride()),
                    true);
        }
        if (layer instanceof AvgPool2d avg) {
            return new PoolPass(new PoolWindows(input, avg.outputShape(input), avg.kernel(), avg.stride()),
                    false);
        }
        if (layer instanceof Flatten) {
            return new FlattenPass();
        }
        throw new IllegalArgumentException("no pass for " + layer.spec());
    }
}
