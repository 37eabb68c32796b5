package org.barq.report;

/**
 * The anytime trace of one layer's solve: the objective {@code J} against elapsed seconds.
 *
 * @param layer   the layer index
 * @param seconds elapsed seconds of each point
 * @param value   {@code J} at each point, NaN where the file had none
 */
record LayerTrace(int layer, double[] seconds, double[] value) {

    /** Copies the arrays; they have the same length. */
    LayerTrace {
        if (seconds.length != value.length) {
            throw new IllegalArgumentException("trace of layer " + layer + ": " + seconds.length + " times but "
                    + value.length + " values");
        }
        seconds = seconds.clone();
        value = value.clone();
    }

    /** @return a copy of the times */
    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    /** @return a copy of the values */
    @Override
    public double[] value() {
        return value.clone();
    }
}
