package org.barq.features;

/**
 * {@code q = 1[x - mu > tau]} per feature, on the feature centred by its training mean; the next stage sees the
 * code, 0 or 1. Centring makes {@code c = 0} split each feature at its mean, whatever its offset (pixels and ReLU
 * activations are never negative, tabular columns need not be near 0).
 */
public final class BinaryQuantizer extends AbstractThresholdQuantizer {
    /** The registered name. */
    public static final String NAME = "binary";

    BinaryQuantizer(double[] x, int n, int f, double c) {
        super(NAME, x, n, f, c, 0, 1);
    }

    @Override
    public int bits() {
        return 1;
    }

    @Override
    protected int code(int feature, double x) {
        return centred(feature, x) > threshold(feature) ? 1 : 0;
    }
}
