package org.barq.features;

/**
 * {@code b}-bit min-max uniform levels per feature, from the training minimum {@code lo} and maximum {@code hi}:
 * level {@code k} is {@code lo + k (hi - lo) / (2^b - 1)}, a value takes the nearest level (ties up) and values
 * outside the training range the end levels. The next stage sees the level, on the feature's own scale: the
 * error-minimising reference the binary and ternary codes are compared with. A constant feature has the one level
 * {@code lo}.
 */
public final class UniformQuantizer extends AbstractFeatureQuantizer {
    /** The registered name. */
    public static final String NAME = "uniform";

    private final int bits;
    private final double[] low;
    private final double[] step;

    UniformQuantizer(double[] x, int n, int f, int bits) {
        super(NAME, f, 0, (1 << bits) - 1);
        FeatureMatrix.require(x, n, f, "training set");
        this.bits = bits;
        this.low = new double[f];
        this.step = new double[f];
        double[] high = new double[f];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                low[j] = Math.min(low[j], x[i * f + j]);
                high[j] = Math.max(high[j], x[i * f + j]);
            }
        }
        int top = (1 << bits) - 1;
        for (int j = 0; j < f; j++) {
            step[j] = (high[j] - low[j]) / top;
        }
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    protected int code(int feature, double x) {
        if (step[feature] == 0) {
            return 0;
        }
        double k = Math.floor((x - low[feature]) / step[feature] + 0.5);
        return (int) Math.max(0, Math.min((1 << bits) - 1, k));
    }

    @Override
    protected double decoded(int feature, int code) {
        return valueOf(feature, code);
    }

    @Override
    protected double valueOf(int feature, int code) {
        return low[feature] + code * step[feature];
    }
}
