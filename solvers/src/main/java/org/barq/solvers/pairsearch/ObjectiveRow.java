package org.barq.solvers.pairsearch;

import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingSpace;

/**
 * A row moved through the objective itself: every delta and flip is the objective's, exact for any {@code J},
 * including a weighted surrogate that couples the rows. Going back to the marked state flips the variables that
 * differ from it.
 */
final class ObjectiveRow implements SearchRow {
    private final Objective objective;
    private final RoundingSpace space;
    private final int first;
    private final int size;
    private final int rowBase;
    private final boolean[] marked;

    ObjectiveRow(Objective objective, RoundingSpace space, int first, int end) {
        this.objective = objective;
        this.space = space;
        this.first = first;
        this.size = end - first;
        this.rowBase = space.weightOf(first) - space.colOf(first);
        this.marked = new boolean[size];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int column(int i) {
        return space.colOf(first + i);
    }

    @Override
    public int variableAt(int c) {
        int v = space.variableOf(rowBase + c);
        return v < 0 ? -1 : v - first;
    }

    @Override
    public double delta(int i) {
        return objective.delta(first + i);
    }

    @Override
    public double pairDelta(int i, double deltaI, int j, double hij) {
        return objective.pairDelta(first + i, first + j);
    }

    @Override
    public void flip(int i) {
        objective.flip(first + i);
    }

    @Override
    public void mark() {
        for (int i = 0; i < size; i++) {
            marked[i] = objective.isUp(first + i);
        }
    }

    @Override
    public void reset() {
        for (int i = 0; i < size; i++) {
            if (objective.isUp(first + i) != marked[i]) {
                objective.flip(first + i);
            }
        }
    }

    @Override
    public void finish() {
        // every move went to the objective already
    }

    @Override
    public boolean cheapPairs() {
        return false;
    }
}
