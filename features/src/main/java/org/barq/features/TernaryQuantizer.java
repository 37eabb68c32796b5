package org.barq.features;

/**
 * {@code q = sign(x - mu) 1[|x - mu| > tau]} per feature, on the feature centred by its training mean; the next stage
 * sees the code, -1, 0 or +1. Stored codes take 2 bits.
 */
public final class TernaryQuantizer extends AbstractThresholdQuantizer {
    /** The registered name. */
    public static final String NAME = "ternary";

    TernaryQuantizer(double[] x, int n, int f, double c) {
        super(NAME, x, n, f, c, -1, 1);
    }

    @Override
    public int bits() {
        return 2;
    }

    @Override
    protected int code(int feature, double x) {
        double d = centred(feature, x);
        double tau = threshold(feature);
        return d > tau ? 1 : d < -tau ? -1 : 0;
    }
}
