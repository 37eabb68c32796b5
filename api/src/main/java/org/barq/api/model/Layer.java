package org.barq.api.model;

import org.barq.api.data.SampleShape;

/**
 * One layer of a {@link Network}, named and parameterised as in PyTorch. A sample travels between layers as its
 * {@code C x H x W} values in channel-major order, so a {@link DenseLayer} reads any shape of the right size and
 * {@link Flatten} changes only the shape, not the values.
 */
public sealed interface Layer permits DenseLayer, Conv2d, Relu, MaxPool2d, AvgPool2d, Flatten {
    /**
     * @param input the shape of one sample entering the layer
     * @return the shape of one sample leaving it
     * @throws org.barq.api.InvalidInputException naming the layer and both shapes when the layer cannot take it
     */
    SampleShape outputShape(SampleShape input);

    /** @return the layer as the architecture spec writes it, e.g. {@code conv(16,k5,p2)} or {@code relu} */
    String spec();
}
