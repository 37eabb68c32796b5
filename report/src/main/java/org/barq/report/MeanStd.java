package org.barq.report;

/**
 * The mean and sample standard deviation of the finite values among some numbers (an undefined metric, NaN, is left
 * out rather than poisoning the mean).
 *
 * @param mean the mean; NaN when no value is finite
 * @param std  the sample standard deviation (divisor {@code n - 1}); NaN when fewer than two values are finite
 * @param n    the number of finite values
 */
record MeanStd(double mean, double std, int n) {

    /** @return the statistics of the finite values */
    static MeanStd of(double... values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanStd(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new MeanStd(mean, Math.sqrt(squares / (n - 1)), n);
    }
}
