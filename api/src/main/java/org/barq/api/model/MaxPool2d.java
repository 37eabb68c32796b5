package org.barq.api.model;

import org.barq.api.data.SampleShape;

/**
 * The largest value of each {@code kernel x kernel} window of each channel.
 *
 * @param kernel the window's side
 * @param stride the step between windows (PyTorch's default is the kernel)
 */
public record MaxPool2d(int kernel, int stride) implements Layer {
    /** Validates that kernel and stride are positive. */
    public MaxPool2d {
        Pooling.requirePositive(Pooling.spec("maxpool", kernel, stride), kernel, stride);
    }

    /** {@inheritDoc} */
    @Override
    public SampleShape outputShape(SampleShape input) {
        return Pooling.outputShape(spec(), kernel, stride, input);
    }

    /** {@inheritDoc} */
    @Override
    public String spec() {
        return Pooling.spec("maxpool", kernel, stride);
    }
}
