package org.barq.objectives;

import org.barq.objectives.network.ClassPair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The calibration band {@code B} (FORMULATION §3.2): the samples whose float margin {@code m_f = z_c1 - z_c2}
 * ({@code c1, c2} the float model's top-2 classes) is at or below the {@code beta}-quantile of {@code m_f} over the
 * calibration set, the quantile taken as in {@link Quantiles#linear}. Immutable; arrays are handed out as copies.
 */
public final class CalibrationBand {
    private final double threshold;
    private final int[] indices;
    private final int[] first;
    private final int[] second;
    private final double[] floatGaps;

    private CalibrationBand(double threshold, int[] indices, int[] first, int[] second, double[] floatGaps) {
        this.threshold = threshold;
        this.indices = indices;
        this.first = first;
        this.second = second;
        this.floatGaps = floatGaps;
    }

    /**
     * @param floatLogits the float model's logits on the calibration set, {@code [N, K]} with {@code N >= 1},
     *                    {@code K >= 2}
     * @param beta        the band fraction, in (0, 1]
     * @return the band; {@code c1} is the arg-max (ties to the lower class), {@code c2} the arg-max of the others
     *         (ties to the lower class)
     */
    public static CalibrationBand of(INDArray floatLogits, double beta) {
        int n = floatLogits.rows();
        int k = floatLogits.columns();
        if (n < 1 || k < 2) {
            throw new IllegalArgumentException("the band needs at least one sample and two classes, got [" + n + ", "
                    + k + "]");
        }
        ClassPair pair = ClassPair.of(floatLogits);
        int[] c1 = pair.first();
        int[] c2 = pair.second();
        double[] margin = pair.gaps(floatLogits);
        double threshold = Quantiles.linear(margin, beta);
        int size = 0;
        for (double m : margin) {
            if (m <= threshold) {
                size++;
            }
        }
        int[] indices = new int[size];
        int[] first = new int[size];
        int[] second = new int[size];
        double[] gaps = new double[size];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (margin[i] <= threshold) {
                indices[at] = i;
                first[at] = c1[i];
                second[at] = c2[i];
                gaps[at] = margin[i];
                at++;
            }
        }
        return new CalibrationBand(threshold, indices, first, second, gaps);
    }

    /** @return the {@code beta}-quantile of the float margins; a sample is in the band iff its margin is at or below */
    public double threshold() {
        return threshold;
    }

    /** @return {@code |B|}, at least 1 */
    public int size() {
        return indices.length;
    }

    /** @return the calibration indices of the band's samples, ascending, a fresh array */
    public int[] indices() {
        return indices.clone();
    }

    /** @return {@code c1} of each band sample, in band order, a fresh array */
    public int[] first() {
        return first.clone();
    }

    /** @return {@code c2} of each band sample, in band order, a fresh array */
    public int[] second() {
        return second.clone();
    }

    /** @return {@code m_f} of each band sample, in band order, a fresh array */
    public double[] floatGaps() {
        return floatGaps.clone();
    }
}
