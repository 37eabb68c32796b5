package org.barq.features;

import java.util.function.IntBinaryOperator;

/**
 * What a threshold code stands for on its feature's scale: the mean of the training values of that feature that got
 * the code. A binary or ternary code carries no scale of its own; the centroid is the least-squares best value any
 * decoder could give a code, so the error measured with it is what the code loses, not an arbitrary choice of scale.
 * A code no training sample got stands for the feature's mean.
 */
final class CodeCentroids {
    private final int minCode;
    private final double[][] values;

    private CodeCentroids(int minCode, double[][] values) {
        this.minCode = minCode;
        this.values = values;
    }

    /**
     * @param x       training features, row-major {@code [n, F]}
     * @param n       samples
     * @param f       features
     * @param minCode the lowest code
     * @param maxCode the highest code
     * @param coder   {@code (feature, row) -> code} of sample {@code row}'s feature
     * @param mean    each feature's training mean, for codes no sample got
     */
    static CodeCentroids fit(double[] x, int n, int f, int minCode, int maxCode, IntBinaryOperator coder,
                             double[] mean) {
        int codes = maxCode - minCode + 1;
        double[][] sum = new double[f][codes];
        long[][] count = new long[f][codes];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                int k = coder.applyAsInt(j, i) - minCode;
                sum[j][k] += x[i * f + j];
                count[j][k]++;
            }
        }
        for (int j = 0; j < f; j++) {
            for (int k = 0; k < codes; k++) {
                sum[j][k] = count[j][k] > 0 ? sum[j][k] / count[j][k] : mean[j];
            }
        }
        return new CodeCentroids(minCode, sum);
    }

    double value(int feature, int code) {
        return values[feature][code - minCode];
    }
}
