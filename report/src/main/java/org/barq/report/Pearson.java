package org.barq.report;

import org.barq.evaluation.stopping.StoppingRule;

/**
 * Pearson's correlation over the finite pairs of two columns, with the stopping rule's definition
 * ({@link StoppingRule#pearson}), so that the report and {@code stopping.json} agree on the same variants.
 */
final class Pearson {
    private Pearson() {
    }

    /**
     * @param x first values
     * @param y second values, as many
     * @return {@code r} over the pairs where both values are finite; NaN with fewer than three such pairs or when
     *         either side does not vary
     */
    static double r(double[] x, double[] y) {
        int n = pairs(x, y);
        double[] fx = new double[n];
        double[] fy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[k] = x[i];
                fy[k] = y[i];
                k++;
            }
        }
        return StoppingRule.pearson(fx, fy);
    }

    /** @return the number of pairs where both values are finite */
    static int pairs(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        return n;
    }
}
