package org.barq.api.model;

import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;

/** What max and average pooling share: a square window, a stride, no padding, PyTorch's floor output size. */
final class Pooling {
    private Pooling() {
    }

    static void requirePositive(String spec, int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new InvalidInputException(spec + ": kernel " + kernel + " and stride " + stride
                    + " must be at least 1. Maybe " + spec.substring(0, spec.indexOf('(')) + "(2)?");
        }
    }

    static SampleShape outputShape(String spec, int kernel, int stride, SampleShape input) {
        if (kernel > input.height() || kernel > input.width()) {
            throw new InvalidInputException(spec + " cannot pool a " + input + " input: the " + kernel + "x" + kernel
                    + " window is larger than it. Maybe the pooling comes after a flatten or too many pools?");
        }
        return new SampleShape(input.channels(), (input.height() - kernel) / stride + 1,
                (input.width() - kernel) / stride + 1);
    }

    static String spec(String name, int kernel, int stride) {
        return name + "(" + kernel + (stride == kernel ? "" : ",s" + stride) + ")";
    }
}
