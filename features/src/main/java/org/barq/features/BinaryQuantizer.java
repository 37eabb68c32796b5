package org.barq.features;

/**
 * {@code q = 1[x - mu > tau]} per feature, on the feature centred by its training mean; the next stage sees the
 * code, 0 or 1. Centring makes {@code c = 0} split each feature at its mean, whatever its offset (pixels and ReLU
 * activations are never negative, tabular columns need not be near 0).
 */
public final class BinaryQuantizer extends AbstractFeatureQuantizer {
    /** The registered name. */
    public static final String NAME = "binary";

    private final CentredThresholds thresholds;
    private final CodeCentroids centroids;

    BinaryQuantizer(double[] x, int n, int f, double c) {
        super(NAME, f, 0, 1);
        this.thresholds = CentredThresholds.fit(x, n, f, c);
        this.centroids = CodeCentroids.fit(x, n, f, 0, 1, (j, i) -> code(j, x[i * f + j]), thresholds.mean());
    }

    @Override
    public int bits() {
        return 1;
    }

    @Override
    protected int code(int feature, double x) {
        return thresholds.centred(feature, x) > thresholds.threshold()[feature] ? 1 : 0;
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
