package org.barq.features;

import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.api.features.ThresholdCode;

/**
 * Fits a {@link ThresholdCode} at the training quantiles: each feature is standardised by its training mean and
 * standard deviation (1 for a constant feature) and gets the thresholds {@code q(k / 2^b)}, {@code k = 1 .. 2^b - 1},
 * of its standardised values (linear interpolation between order statistics, numpy's default), so that each code
 * holds about the same share of the training samples; repeated values are handled as {@link #split} says. This is the fixed thermometer, the starting point of the
 * trained one, and the quantile levels' boundaries.
 */
public final class QuantileThresholds {
    private QuantileThresholds() {
    }

    /**
     * @param x        training features, row-major {@code [n, f]}
     * @param n        samples
     * @param f        features
     * @param bits     bits per feature ({@code f} values)
     * @param name     the registered name
     * @param decoding thermometer or levels; levels are the training mean of each code's values (the feature's mean
     *                 for a code no sample got)
     * @return the fitted code
     */
    static ThresholdCode fit(double[] x, int n, int f, int[] bits, String name, ThresholdCode.Decoding decoding) {
        FeatureMatrix.require(x, n, f, "training set");
        for (int b : bits) {
            FeatureQuantizerOptions.levels(b);
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        double[] meanD = new double[f];
        for (int j = 0; j < f; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i * f + j];
            }
            double m = s / n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i * f + j] - m;
                v += d * d;
            }
            double sd = Math.sqrt(v / n);
            mean[j] = (float) m;
            std[j] = sd > 1e-12 && (float) sd > 0 ? (float) sd : 1f;
            meanD[j] = m;
        }
        int total = 0;
        for (int b : bits) {
            total += (1 << b) - 1;
        }
        float[] thresholds = new float[total];
        double[] column = new double[n];
        int at = 0;
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = (x[i * f + j] - mean[j]) / std[j];
            }
            Arrays.sort(column);
            at = split(column, 1 << bits[j], thresholds, at);
        }
        ThresholdCode code = new ThresholdCode(name, ThresholdCode.Decoding.THERMOMETER, bits, mean, std, thresholds,
                new float[0]);
        if (decoding == ThresholdCode.Decoding.THERMOMETER) {
            return code;
        }
        int maxCode = (1 << code.bits()) - 1;
        int[][] codes = new int[n][];
        double[] sample = new double[f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * f, sample, 0, f);
            codes[i] = code.encode(sample);
        }
        CodeCentroids centroids = CodeCentroids.fit(x, n, f, 0, maxCode, (j, i) -> codes[i][j], meanD);
        float[] levelValues = new float[f + total];
        int l = 0;
        for (int j = 0; j < f; j++) {
            for (int k = 0; k < 1 << bits[j]; k++) {
                levelValues[l++] = (float) centroids.value(j, k);
            }
        }
        return new ThresholdCode(name, decoding, bits, mean, std, thresholds, levelValues);
    }

    /**
     * Fits a registered thermometer or quantile quantizer with bits of its own for each feature.
     *
     * @param name {@code bitwise}, {@code bitwise-fixed} or {@code quantile}
     * @param x    training features, row-major {@code [n, f]}
     * @param n    samples
     * @param f    features
     * @param bits bits per feature, {@code f} values
     * @return the fitted code
     * @throws InvalidInputException for another quantizer or a bits list of another length
     */
    public static ThresholdCode perFeature(String name, double[] x, int n, int f, int[] bits) {
        if (bits.length != f) {
            throw new InvalidInputException(bits.length + " bit widths given for " + f + " features. Maybe one width"
                    + " per feature, or a single one for all?");
        }
        return switch (name) {
            case NamedFactory.BITWISE, NamedFactory.BITWISE_FIXED -> fit(x, n, f, bits, name,
                    ThresholdCode.Decoding.THERMOMETER);
            case NamedFactory.QUANTILE -> fit(x, n, f, bits, name, ThresholdCode.Decoding.LEVELS);
            default -> throw new InvalidInputException("bits per feature are for bitwise, bitwise-fixed and quantile,"
                    + " not " + name + ". Maybe one bit width for all features?");
        };
    }

    /**
     * Places one feature's {@code levels - 1} thresholds, each at the quantile {@code 1 / (levels left)} of the values
     * above the previous one: on continuous data that is the quantile {@code k / levels}, but where a value repeats
     * (most pixels of a digit are 0) a plain quantile lands several thresholds on that one value, which gives fewer
     * codes than the bits allow and puts the soft thermometer at {@code sigmoid(0) = 1/2} for every such sample while
     * the hard code says 0. A threshold that falls on a training value moves half way to the next larger one, which no
     * training sample's hard code notices; thresholds above the largest value go 1, 2, ... standard deviations above it.
     *
     * @return the index after the last threshold written
     */
    static int split(double[] sorted, int levels, float[] out, int at) {
        double largest = sorted[sorted.length - 1];
        int from = 0;
        for (int k = 1; k < levels; k++) {
            if (from == sorted.length) {
                out[at++] = (float) (largest + k);
                continue;
            }
            double q = quantile(sorted, from, 1.0 / (levels - k + 1));
            int next = above(sorted, from, q);
            boolean onValue = next > 0 && sorted[next - 1] == q;
            out[at++] = (float) (next == sorted.length ? largest + k : onValue ? (q + sorted[next]) / 2 : q);
            from = next;
        }
        return at;
    }

    /** @return the first index at or after {@code from} whose value exceeds {@code q}, or the length */
    private static int above(double[] sorted, int from, double q) {
        int i = from;
        while (i < sorted.length && sorted[i] <= q) {
            i++;
        }
        return i;
    }

    /** numpy's default quantile of {@code sorted[from..]}. */
    private static double quantile(double[] sorted, int from, double p) {
        double pos = from + p * (sorted.length - 1 - from);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** @return {@code bits} for each of {@code f} features */
    static int[] same(int f, int bits) {
        int[] b = new int[f];
        Arrays.fill(b, bits);
        return b;
    }
}
