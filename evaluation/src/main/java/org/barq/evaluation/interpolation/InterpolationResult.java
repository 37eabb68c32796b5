package org.barq.evaluation.interpolation;

import org.barq.evaluation.slice.Slice;

/**
 * An interpolation's report plus what the pictures need.
 *
 * @param report      the counts
 * @param low         the slice at {@code t = 0}
 * @param high        the slice at {@code t = 1}
 * @param firstChange per cell (index {@code row * G + col}): the first {@code t} at which its label differs from the
 *                    previous step's, NaN if it never changes
 */
public record InterpolationResult(InterpolationReport report, Slice low, Slice high, double[] firstChange) {

    /** Copies the array. */
    public InterpolationResult {
        firstChange = firstChange.clone();
    }

    /** @return a fresh copy of the per-cell first change */
    @Override
    public double[] firstChange() {
        return firstChange.clone();
    }
}
