package org.barq.solvers;

import org.barq.api.problem.RoundingSpace;

/**
 * The variables of each row as a contiguous range: variables are numbered in row-major order of their weights
 * ({@link RoundingSpace}), so row {@code r} owns {@code [start(r), end(r))}, possibly empty when all its weights
 * are fixed.
 */
public final class RowRanges {
    private final int[] bounds;

    private RowRanges(int[] bounds) {
        this.bounds = bounds;
    }

    /**
     * @param space the layer's choices
     * @return the per-row ranges
     */
    public static RowRanges of(RoundingSpace space) {
        int[] bounds = new int[space.rows() + 1];
        for (int v = 0; v < space.variables(); v++) {
            bounds[space.rowOf(v) + 1]++;
        }
        for (int r = 0; r < space.rows(); r++) {
            bounds[r + 1] += bounds[r];
        }
        return new RowRanges(bounds);
    }

    /** @return the number of rows */
    public int rows() {
        return bounds.length - 1;
    }

    /** @return the first variable of row {@code r} */
    public int start(int r) {
        return bounds[r];
    }

    /** @return one past the last variable of row {@code r} */
    public int end(int r) {
        return bounds[r + 1];
    }

    /** @return the number of variables of row {@code r} */
    public int size(int r) {
        return bounds[r + 1] - bounds[r];
    }
}
