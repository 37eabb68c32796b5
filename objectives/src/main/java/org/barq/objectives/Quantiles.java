package org.barq.objectives;

import java.util.Arrays;

/**
 * Quantiles by linear interpolation between order statistics (FORMULATION §8), computed exactly as numpy's
 * default {@code method="linear"} does, so that band thresholds agree with a numpy reference to the bit.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * @param values finite values; not modified
     * @param q      the quantile, in [0, 1]
     * @return the {@code q}-quantile: with sorted values {@code s} and {@code p = (n - 1) q}, the interpolation of
     *         {@code s[floor(p)]} and {@code s[floor(p) + 1]} by {@code p - floor(p)}; NaN when there are no values
     *         (an empty band has no median)
     * @throws IllegalArgumentException if {@code q} is outside [0, 1]
     */
    public static double linear(double[] values, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile " + q + " is outside [0, 1]");
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double position = (n - 1) * q;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, n - 1);
        double t = position - below;
        double a = sorted[below];
        double b = sorted[above];
        double difference = b - a;
        // numpy's _lerp: interpolate from the nearer end, which keeps the result monotone in t
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }

    /**
     * @param values finite values; not modified
     * @return the median, {@code linear(values, 0.5)}; NaN when there are no values
     */
    public static double median(double[] values) {
        return linear(values, 0.5);
    }
}
