package org.barq.api.model;

import org.barq.api.data.SampleShape;

/** An image {@code C x H x W} as a flat vector of {@code C*H*W} values, in the same (channel-major) order. */
public record Flatten() implements Layer {
    /** {@inheritDoc} */
    @Override
    public SampleShape outputShape(SampleShape input) {
        return SampleShape.flat(input.size());
    }

    /** {@inheritDoc} */
    @Override
    public String spec() {
        return "flatten";
    }
}
