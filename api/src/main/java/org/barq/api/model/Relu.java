package org.barq.api.model;

import org.barq.api.data.SampleShape;

/** {@code max(0, x)} elementwise. */
public record Relu() implements Layer {
    /** {@inheritDoc} */
    @Override
    public SampleShape outputShape(SampleShape input) {
        return input;
    }

    /** {@inheritDoc} */
    @Override
    public String spec() {
        return "relu";
    }
}
