package org.barq.features;

/**
 * {@code q = sign(x - mu) 1[|x - mu| > tau]} per feature, on the feature centred by its training mean; the next stage
 * sees the code, -1, 0 or +1. Stored codes take 2 bits.
 */
public final class TernaryQuantizer extends AbstractFeatureQuantizer {
    /** The registered name. */
    public static final String NAME = "ternary";

    private final CentredThresholds thresholds;
    private final CodeCentroids centroids;

    TernaryQuantizer(double[] x, int n, int f, double c) {
        super(NAME, f, -1, 1);
        this.thresholds = CentredThresholds.fit(x, n, f, c);
        this.centroids = CodeCentroids.fit(x, n, f, -1, 1, (j, i) -> code(j, x[i * f + j]), thresholds.mean());
    }

    @Override
    public int bits() {
        return 2;
    }

    @Override
    protected int code(int feature, double x) {
        double d = thresholds.centred(feature, x);
        double tau = thresholds.threshold()[feature];
        return d > tau ? 1 : d < -tau ? -1 : 0;
    }

    @Override
    protected double decoded(int feature, int code) {
        return code;
    }

    @Override
    protected double valueOf(int feature, int code) {
        return centroids.value(feature, code);
    }
}
