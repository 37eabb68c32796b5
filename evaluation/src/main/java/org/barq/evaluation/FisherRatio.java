package org.barq.evaluation;

import org.barq.api.InvalidInputException;

/**
 * Feature discrimination of a representation (FORMULATION §5, §8): {@code tr(S_b) / tr(S_w)} with
 * {@code S_b = sum_c n_c (mu_c - mu)(mu_c - mu)^T} and {@code S_w = sum_c sum_{x in c} (x - mu_c)(x - mu_c)^T},
 * from the true labels. Only the traces are needed, so the scatter matrices are never formed.
 */
public final class FisherRatio {
    private FisherRatio() {
    }

    /**
     * @param x       the representation, row-major {@code [n, d]}
     * @param n       samples
     * @param d       features per sample
     * @param labels  the true label of each sample, in {@code [0, classes)}
     * @param classes number of classes
     * @return {@code tr(S_b) / tr(S_w)}; NaN when {@code tr(S_w) = 0} (every class collapsed to a point: the ratio is
     *         undefined, and an infinity would not survive JSON)
     */
    public static double of(double[] x, int n, int d, int[] labels, int classes) {
        if (x.length != (long) n * d || labels.length != n) {
            throw new InvalidInputException("representation has " + x.length + " values and " + labels.length
                    + " labels for " + n + " samples of " + d + ". Maybe a layer of another set?");
        }
        double[] classSum = new double[classes * d];
        double[] total = new double[d];
        long[] count = new long[classes];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            count[c]++;
            int row = i * d;
            int cls = c * d;
            for (int j = 0; j < d; j++) {
                classSum[cls + j] += x[row + j];
                total[j] += x[row + j];
            }
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = total[j] / n;
        }
        double between = 0.0;
        for (int c = 0; c < classes; c++) {
            if (count[c] == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                classSum[c * d + j] /= count[c];
                double diff = classSum[c * d + j] - mean[j];
                between += count[c] * diff * diff;
            }
        }
        double within = 0.0;
        for (int i = 0; i < n; i++) {
            int row = i * d;
            int cls = labels[i] * d;
            for (int j = 0; j < d; j++) {
                double diff = x[row + j] - classSum[cls + j];
                within += diff * diff;
            }
        }
        return within > 0.0 ? between / within : Double.NaN;
    }
}
