package org.barq.features;

/**
 * A quantizer that thresholds each feature centred by its training mean ({@link CentredThresholds}): the next stage
 * sees the code itself, and a code stands for the training mean of the values that got it ({@link CodeCentroids}).
 */
public abstract class AbstractThresholdQuantizer extends AbstractFeatureQuantizer {
    private final CentredThresholds thresholds;
    private final CodeCentroids centroids;

    /**
     * @param name    the registered name
     * @param x       training features, row-major {@code [n, f]}
     * @param n       samples
     * @param f       features
     * @param c       the threshold multiplier
     * @param minCode the lowest code
     * @param maxCode the highest code
     */
    protected AbstractThresholdQuantizer(String name, double[] x, int n, int f, double c, int minCode, int maxCode) {
        super(name, f, minCode, maxCode);
        this.thresholds = CentredThresholds.fit(x, n, f, c);
        this.centroids = CodeCentroids.fit(x, n, f, minCode, maxCode, (j, i) -> code(j, x[i * f + j]),
                thresholds.mean());
    }

    /** @return {@code x - mu_j} */
    protected final double centred(int feature, double x) {
        return thresholds.centred(feature, x);
    }

    /** @return {@code tau_j} */
    protected final double threshold(int feature) {
        return thresholds.threshold()[feature];
    }

    @Override
    protected final double decoded(int feature, int code) {
        return code;
    }

    @Override
    protected final double valueOf(int feature, int code) {
        return centroids.value(feature, code);
    }
}
