package org.barq.corrections;

import org.barq.api.correction.CalibrationLogits;

/**
 * The least-squares fit behind both corrections: within each cluster and for each output {@code j},
 * {@code z_f ~ gamma z_q + beta} with {@code gamma = cov(z_q, z_f) / var(z_q)} (the variance floored at
 * {@link #MIN_VARIANCE}, so that a constant logit gets {@code gamma} near 0 and {@code beta} near the float mean
 * instead of a division by zero) and {@code beta = mean(z_f) - gamma mean(z_q)}. An empty cluster is the identity.
 */
public final class ClusterAffineFit {
    /** The floor of {@code var(z_q)}, the method authors' own. */
    public static final double MIN_VARIANCE = 1e-8;

    private final double[] gamma;
    private final double[] beta;

    private ClusterAffineFit(double[] gamma, double[] beta) {
        this.gamma = gamma;
        this.beta = beta;
    }

    /**
     * @param logits     the calibration logits
     * @param assignment the cluster of each sample, in {@code [0, clusters)}
     * @param clusters   {@code C}
     * @return {@code gamma} and {@code beta}, {@code [C, K]} each
     */
    public static ClusterAffineFit of(CalibrationLogits logits, int[] assignment, int clusters) {
        int k = logits.classes();
        double[] zq = logits.roundedLogits();
        double[] zf = logits.floatLogits();
        long[] count = new long[clusters];
        double[] meanQ = new double[clusters * k];
        double[] meanF = new double[clusters * k];
        for (int i = 0; i < assignment.length; i++) {
            int c = assignment[i];
            count[c]++;
            for (int j = 0; j < k; j++) {
                meanQ[c * k + j] += zq[i * k + j];
                meanF[c * k + j] += zf[i * k + j];
            }
        }
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < k && count[c] > 0; j++) {
                meanQ[c * k + j] /= count[c];
                meanF[c * k + j] /= count[c];
            }
        }
        // Second pass about the means: the one-pass sum-of-squares form loses the variance of logits far from 0.
        double[] varQ = new double[clusters * k];
        double[] cov = new double[clusters * k];
        for (int i = 0; i < assignment.length; i++) {
            int c = assignment[i];
            for (int j = 0; j < k; j++) {
                double dq = zq[i * k + j] - meanQ[c * k + j];
                varQ[c * k + j] += dq * dq;
                cov[c * k + j] += dq * (zf[i * k + j] - meanF[c * k + j]);
            }
        }
        double[] gamma = new double[clusters * k];
        double[] beta = new double[clusters * k];
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < k; j++) {
                int at = c * k + j;
                if (count[c] == 0) {
                    gamma[at] = 1.0;
                    continue;
                }
                double var = Math.max(varQ[at] / count[c], MIN_VARIANCE);
                gamma[at] = cov[at] / count[c] / var;
                beta[at] = meanF[at] - gamma[at] * meanQ[at];
            }
        }
        return new ClusterAffineFit(gamma, beta);
    }

    /** @return {@code gamma} in F32, {@code [C, K]} */
    public float[] gamma() {
        return toFloat(gamma);
    }

    /** @return {@code beta} in F32, {@code [C, K]} */
    public float[] beta() {
        return toFloat(beta);
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
