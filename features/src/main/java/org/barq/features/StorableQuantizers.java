package org.barq.features;

import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.ThresholdCode;

/**
 * The form a checkpoint stores an input quantizer in, a {@link ThresholdCode}: the bitwise and quantile quantizers
 * already are one; a uniform quantizer becomes one with its own levels, its thresholds just below the midpoints
 * between levels (a uniform value on a midpoint takes the upper level, and {@code x > nextDown(mid)} is
 * {@code x >= mid}) and no standardisation.
 */
public final class StorableQuantizers {
    private StorableQuantizers() {
    }

    /**
     * @param q a fitted quantizer
     * @return it as a threshold code that codes every sample the same way (up to the F32 rounding of the uniform
     *         levels)
     * @throws InvalidInputException for a binary or ternary quantizer, whose codes are not what a network's input
     *                               quantizer stores
     */
    public static ThresholdCode of(FeatureQuantizer q) {
        if (q instanceof ThresholdCode t) {
            return t;
        }
        if (!(q instanceof UniformQuantizer u)) {
            throw new InvalidInputException("the " + q.name() + " quantizer cannot be stored in a checkpoint. Maybe"
                    + " --input-quantizer bitwise, bitwise-fixed, uniform or quantile?");
        }
        int f = u.features();
        int levels = 1 << u.bits();
        float[] thresholds = new float[f * (levels - 1)];
        float[] values = new float[f * levels];
        float[] mean = new float[f];
        float[] std = new float[f];
        java.util.Arrays.fill(std, 1f);
        for (int j = 0; j < f; j++) {
            for (int k = 0; k < levels; k++) {
                values[j * levels + k] = (float) u.value(j, k);
            }
            for (int k = 0; k + 1 < levels; k++) {
                double lo = u.value(j, k);
                double hi = u.value(j, k + 1);
                // a constant feature has one level: no value passes, every code is 0 as the uniform quantizer gives
                thresholds[j * (levels - 1) + k] = hi > lo ? Math.nextDown((float) ((lo + hi) / 2))
                        : Float.POSITIVE_INFINITY;
            }
        }
        return new ThresholdCode(u.name(), ThresholdCode.Decoding.LEVELS, QuantileThresholds.same(f, u.bits()), mean,
                std, thresholds, values);
    }
}
