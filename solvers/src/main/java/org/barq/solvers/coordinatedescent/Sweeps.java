package org.barq.solvers.coordinatedescent;

import org.barq.api.objective.Objective;

/** One pass over a list of variables, flipping each whose delta improves {@code J}; and the seeded reshuffle. */
final class Sweeps {
    private Sweeps() {
    }

    /**
     * Visits {@code order[0..]} in turn and flips a variable when its delta is below {@code -tolerance}.
     *
     * @param objective the objective, changed in place
     * @param order     the variables in visiting order
     * @param tolerance a delta must be below {@code -tolerance} to count as an improvement
     * @return the number of flips made
     */
    static int sweep(Objective objective, int[] order, double tolerance) {
        return sweep(objective, order, 0, order.length, tolerance);
    }

    /**
     * Visits {@code order[from..to)} in turn and flips a variable when its delta is below {@code -tolerance}.
     *
     * @param objective the objective, changed in place
     * @param order     the variables in visiting order
     * @param from      first position visited
     * @param to        one past the last position visited
     * @param tolerance a delta must be below {@code -tolerance} to count as an improvement
     * @return the number of flips made
     */
    static int sweep(Objective objective, int[] order, int from, int to, double tolerance) {
        int flips = 0;
        for (int i = from; i < to; i++) {
            int v = order[i];
            if (objective.delta(v) < -tolerance) {
                objective.flip(v);
                flips++;
            }
        }
        return flips;
    }

    /** @return {@code from, from + 1, ..., to - 1} */
    static int[] range(int from, int to) {
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        return order;
    }
}
