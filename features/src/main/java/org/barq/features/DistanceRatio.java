package org.barq.features;

/**
 * The ratio of the mean squared Euclidean distance between samples of different classes to that between distinct
 * samples of one class, with the true labels. Computed in {@code O(n d)} without forming pairs, from
 * {@code sum_{i,j in S} ||x_i - x_j||^2 = 2 |S| sum_{i in S} ||x_i - mu_S||^2} for the whole set and for each class
 * (centring first keeps the sums free of cancellation).
 */
public final class DistanceRatio {
    private DistanceRatio() {
    }

    /**
     * @param set a representation with its labels
     * @return mean squared between-class distance over mean squared within-class distance; NaN when either has no
     *         pair or the within-class distance is 0 (the ratio is undefined, and an infinity would not survive JSON)
     */
    public static double of(LabelledFeatures set) {
        int n = set.n();
        int d = set.d();
        int k = set.classes();
        double[] x = set.x();
        int[] y = set.labels();
        double[] mean = new double[d];
        double[] classMean = new double[k * d];
        long[] count = new long[k];
        for (int i = 0; i < n; i++) {
            count[y[i]]++;
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
                classMean[y[i] * d + j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; count[c] > 0 && j < d; j++) {
                classMean[c * d + j] /= count[c];
            }
        }
        double total = 0;
        double[] scatter = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double a = x[i * d + j] - mean[j];
                double b = x[i * d + j] - classMean[y[i] * d + j];
                total += a * a;
                scatter[y[i]] += b * b;
            }
        }
        double allPairs = 2.0 * n * total;
        double within = 0;
        double withinPairs = 0;
        double samePairs = 0;
        for (int c = 0; c < k; c++) {
            within += 2.0 * count[c] * scatter[c];
            withinPairs += (double) count[c] * (count[c] - 1);
            samePairs += (double) count[c] * count[c];
        }
        double betweenPairs = (double) n * n - samePairs;
        if (withinPairs == 0 || betweenPairs == 0 || within <= 0) {
            return Double.NaN;
        }
        return ((allPairs - within) / betweenPairs) / (within / withinPairs);
    }
}
