package org.barq.objectives;

import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Permutations;

/**
 * Which im2col rows of a conv layer build its reconstruction term: all of them up to {@code maxRows}, else a seeded
 * sample of {@code maxRows}, in ascending order. A conv layer has one row per sample and output position, so its
 * patch matrix outgrows memory long before its weights do (MNIST's second 5x5 conv over 1280 samples: 250 000 rows
 * of 400), so the rows that build {@code H} are sampled.
 *
 * @param maxRows the most rows kept, at least 1
 * @param seed    the sample's seed
 */
public record PatchSample(int maxRows, long seed) {
    /** Every row, whatever the count. */
    public static final PatchSample ALL = new PatchSample(Integer.MAX_VALUE, 0);

    /** Validates the cap. */
    public PatchSample {
        if (maxRows < 1) {
            throw new InvalidInputException("patch row cap " + maxRows + " must be at least 1. Maybe 65536?");
        }
    }

    /**
     * @param total the rows there are
     * @return the rows to keep, ascending
     */
    public int[] rows(int total) {
        return Permutations.sample(total, maxRows, new SplittableRandom(seed));
    }
}
