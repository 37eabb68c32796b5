package org.barq.objectives.network;

import org.barq.api.InvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float model's top-2 classes {@code c1, c2} of every sample (FORMULATION §3.2): {@code c1} is the arg-max of
 * the logits, {@code c2} the arg-max over the other classes; ties go to the lower class, as in
 * {@code Forward.predictions()}.
 *
 * @param first  {@code c1} per sample
 * @param second {@code c2} per sample
 */
public record ClassPair(int[] first, int[] second) {

    /** Validates that both arrays have one entry per sample; the arrays are copied. */
    public ClassPair {
        if (first.length != second.length) {
            throw new InvalidInputException("class pair has " + first.length + " first and " + second.length
                    + " second classes. Maybe the two come from different sets?");
        }
        first = first.clone();
        second = second.clone();
    }

    /** @return {@code c1} per sample, a fresh copy */
    @Override
    public int[] first() {
        return first.clone();
    }

    /** @return {@code c2} per sample, a fresh copy */
    @Override
    public int[] second() {
        return second.clone();
    }

    /**
     * @param logits {@code [N, K]} logits, {@code K >= 2}
     * @return the top-2 classes of every row
     */
    public static ClassPair of(INDArray logits) {
        int n = logits.rows();
        int k = logits.columns();
        if (k < 2) {
            throw new InvalidInputException("the model has " + k + " class; margins need at least 2. Maybe the wrong"
                    + " checkpoint?");
        }
        double[] z = Matrices.values(logits);
        int[] c1 = new int[n];
        int[] c2 = new int[n];
        for (int i = 0; i < n; i++) {
            int base = i * k;
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (z[base + c] > z[base + best]) {
                    best = c;
                }
            }
            int runner = best == 0 ? 1 : 0;
            for (int c = runner + 1; c < k; c++) {
                if (c != best && z[base + c] > z[base + runner]) {
                    runner = c;
                }
            }
            c1[i] = best;
            c2[i] = runner;
        }
        return new ClassPair(c1, c2);
    }

    /** @return the number of samples */
    public int size() {
        return first.length;
    }

    /**
     * @param logits {@code [N, K]} logits of any model on the same samples
     * @return {@code z_c1 - z_c2} per sample under those logits (negative when the pair order has flipped)
     */
    public double[] gaps(INDArray logits) {
        int k = logits.columns();
        double[] z = Matrices.values(logits);
        double[] gap = new double[first.length];
        for (int i = 0; i < gap.length; i++) {
            gap[i] = z[i * k + first[i]] - z[i * k + second[i]];
        }
        return gap;
    }
}
