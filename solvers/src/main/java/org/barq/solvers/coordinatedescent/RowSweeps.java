package org.barq.solvers.coordinatedescent;

import java.util.SplittableRandom;
import org.barq.api.data.Permutations;
import org.barq.api.objective.Objective;
import org.barq.api.solver.StridedWorkers;
import org.barq.solvers.Deadline;
import org.barq.solvers.RowRanges;

/**
 * Coordinate descent for a row-separable {@code J}: every row descends to its own 1-flip local optimum, since a
 * flip in one row changes no other row's deltas. Work proceeds in rounds; in a round each still-active row sweeps
 * its variables once, and a row whose sweep flips nothing retires. Each row's sweep sequence (its order and its
 * own seeded random stream) depends on nothing but the row, so the result is the same for any thread count and
 * any partition of rows among threads.
 */
final class RowSweeps {
    private final Objective objective;
    private final double tolerance;
    private final SweepOrder order;
    private final int[][] rowOrder;
    private final SplittableRandom[] rowRandom;
    private final boolean[] active;

    /**
     * @param objective a row-separable objective, changed in place
     * @param rows      the variables of each row
     * @param order     the visiting order
     * @param seed      the solve's seed; row {@code r} draws from the {@code r}-th split of it
     * @param tolerance a delta must be below {@code -tolerance} to count as an improvement
     */
    RowSweeps(Objective objective, RowRanges rows, SweepOrder order, long seed, double tolerance) {
        this.objective = objective;
        this.tolerance = tolerance;
        this.order = order;
        this.rowOrder = new int[rows.rows()][];
        this.rowRandom = new SplittableRandom[rows.rows()];
        this.active = new boolean[rows.rows()];
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < rows.rows(); r++) {
            rowOrder[r] = Sweeps.range(rows.start(r), rows.end(r));
            rowRandom[r] = root.split();
            active[r] = rowOrder[r].length > 0;
        }
    }

    /** @return whether some row has not reached its local optimum */
    boolean anyActive() {
        for (boolean a : active) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    /**
     * One round: every active row sweeps once. Rows are dealt to workers by position among the active rows; rows
     * not started before the deadline stay active.
     *
     * @param workers  the workers
     * @param deadline when to stop starting rows
     */
    void round(StridedWorkers workers, Deadline deadline) {
        int[] current = activeRows();
        workers.forEach(current.length, i -> {
            if (!deadline.passed()) {
                sweepRow(current[i]);
            }
        });
    }

    private int[] activeRows() {
        int count = 0;
        for (boolean a : active) {
            count += a ? 1 : 0;
        }
        int[] rows = new int[count];
        int k = 0;
        for (int r = 0; r < active.length; r++) {
            if (active[r]) {
                rows[k++] = r;
            }
        }
        return rows;
    }

    private void sweepRow(int r) {
        if (order == SweepOrder.RANDOM) {
            Permutations.shuffle(rowOrder[r], rowRandom[r]);
        }
        active[r] = Sweeps.sweep(objective, rowOrder[r], tolerance) > 0;
    }
}
