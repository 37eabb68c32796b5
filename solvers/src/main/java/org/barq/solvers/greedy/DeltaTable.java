package org.barq.solvers.greedy;

import org.barq.api.objective.Objective;
import org.barq.solvers.RowRanges;

/**
 * Every variable's cached flip delta and, over rows, a tournament tree that yields the most negative delta in
 * O(log rows). After a flip only the rows whose deltas changed are refreshed: the flipped row when {@code J} is
 * row-separable, every row otherwise. Ties go to the lowest variable index: within a row the scan keeps the first
 * minimum, and between rows the left (lower) subtree wins.
 */
final class DeltaTable {
    private final Objective objective;
    private final RowRanges rows;
    private final double[] delta;
    private final int[] rowBest;
    private final int leaves;
    private final int[] tree;

    /**
     * @param objective the objective whose deltas are cached
     * @param rows      the variables of each row
     */
    DeltaTable(Objective objective, RowRanges rows) {
        this.objective = objective;
        this.rows = rows;
        this.delta = new double[objective.variables()];
        this.rowBest = new int[rows.rows()];
        int size = 1;
        while (size < rows.rows()) {
            size <<= 1;
        }
        this.leaves = size;
        this.tree = new int[2 * size];
        refreshAll();
    }

    /** Recomputes every delta; for objectives where a flip changes all of them. */
    void refreshAll() {
        for (int r = 0; r < rows.rows(); r++) {
            scanRow(r);
            tree[leaves + r] = r;
        }
        for (int r = rows.rows(); r < leaves; r++) {
            tree[leaves + r] = -1;
        }
        for (int node = leaves - 1; node >= 1; node--) {
            tree[node] = better(tree[2 * node], tree[2 * node + 1]);
        }
    }

    /**
     * Recomputes the deltas of one row and its path in the tree.
     *
     * @param r the row whose variables' deltas changed
     */
    void refreshRow(int r) {
        scanRow(r);
        for (int node = (leaves + r) >> 1; node >= 1; node >>= 1) {
            tree[node] = better(tree[2 * node], tree[2 * node + 1]);
        }
    }

    /** @return the variable with the most negative delta (lowest index on ties), or -1 when there are none */
    int best() {
        int row = tree[1];
        return row < 0 ? -1 : rowBest[row];
    }

    /** @return the cached delta of {@code v} */
    double delta(int v) {
        return delta[v];
    }

    private void scanRow(int r) {
        int best = -1;
        double bestDelta = Double.POSITIVE_INFINITY;
        for (int v = rows.start(r); v < rows.end(r); v++) {
            double d = objective.delta(v);
            delta[v] = d;
            if (d < bestDelta) {
                bestDelta = d;
                best = v;
            }
        }
        rowBest[r] = best;
    }

    /** @return the row (of two, {@code left} holding lower indices) whose best delta is smaller, or -1 */
    private int better(int left, int right) {
        if (left < 0 || rowBest[left] < 0) {
            return right < 0 || rowBest[right] < 0 ? -1 : right;
        }
        if (right < 0 || rowBest[right] < 0) {
            return left;
        }
        return delta[rowBest[right]] < delta[rowBest[left]] ? right : left;
    }
}
