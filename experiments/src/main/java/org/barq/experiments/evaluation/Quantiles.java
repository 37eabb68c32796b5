package org.barq.experiments.evaluation;

import java.util.Arrays;
import org.barq.api.InvalidInputException;

/**
 * Quantiles by linear interpolation between order statistics (FORMULATION §8; numpy's default {@code linear}
 * method): for sorted values {@code x_0 <= ... <= x_(n-1)} and level {@code q}, with {@code h = (n - 1) q},
 * the quantile is {@code x_floor(h) + (h - floor(h)) (x_(floor(h)+1) - x_floor(h))}.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * @param values the sample, not modified; NaN values are not allowed
     * @param q      the level in {@code [0, 1]}
     * @return the {@code q}-quantile, or NaN for an empty sample (a statistic of nothing is undefined)
     */
    public static double quantile(double[] values, double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new InvalidInputException("quantile level " + q + " is outside [0, 1]. Maybe 0.5 for the median?");
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double frac = h - lo;
        return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    /** @return the median (the 0.5-quantile), NaN for an empty sample */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }
}
