package org.barq.features;

/**
 * The centring and thresholds of the binary and ternary quantizers, from training features: each feature's mean
 * {@code mu_j} and threshold {@code tau_j = c * mean_i |x_ij - mu_j|}. Scaling the threshold by the feature's own
 * spread lets one {@code c} mean the same on pixels, activations and tabular columns of any unit.
 *
 * @param mean      {@code mu_j}
 * @param threshold {@code tau_j}
 */
record CentredThresholds(double[] mean, double[] threshold) {

    /**
     * @param x training features, row-major {@code [n, F]}
     * @param n samples
     * @param f features
     * @param c the threshold multiplier, at least 0
     */
    static CentredThresholds fit(double[] x, int n, int f, double c) {
        FeatureMatrix.require(x, n, f, "training set");
        double[] mean = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += x[i * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
        }
        double[] spread = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                spread[j] += Math.abs(x[i * f + j] - mean[j]);
            }
        }
        double[] threshold = new double[f];
        for (int j = 0; j < f; j++) {
            threshold[j] = c * spread[j] / n;
        }
        return new CentredThresholds(mean, threshold);
    }

    /** @return {@code x - mu_j} */
    double centred(int feature, double x) {
        return x - mean[feature];
    }
}
