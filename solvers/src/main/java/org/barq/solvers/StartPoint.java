package org.barq.solvers;

import org.barq.api.objective.Objective;

/**
 * The assignment and {@code J} an objective held when a solver was called (round-to-nearest in the pipeline), so
 * that a solver can keep its promise never to return anything worse.
 *
 * @param assignment the starting choices
 * @param value      {@code J} at the start
 */
public record StartPoint(boolean[] assignment, double value) {

    /** Relative size of a {@code J} change that counts as an improvement rather than floating-point noise. */
    private static final double RELATIVE_TOLERANCE = 1e-12;

    /**
     * @param objective an objective in its starting state
     * @return its current assignment and value
     */
    public static StartPoint of(Objective objective) {
        return new StartPoint(objective.assignment(), objective.value());
    }

    /**
     * A flip improves {@code J} only when its delta is below {@code -tolerance()}. Relative to {@code |J(start)|},
     * so that rounding noise in an incremental delta is never mistaken for progress (which could make a descent
     * cycle between two equal assignments).
     *
     * @return a non-negative threshold in units of {@code J}
     */
    public double tolerance() {
        return RELATIVE_TOLERANCE * Math.max(Math.abs(value), Double.MIN_NORMAL);
    }

    /**
     * Keeps the objective's current assignment if it is no worse than the start, else puts the objective back to
     * the start.
     *
     * @param objective the objective at the solver's final assignment
     * @return the assignment the objective now holds
     */
    public boolean[] settle(Objective objective) {
        if (objective.value() > value) {
            objective.assign(assignment);
            return assignment.clone();
        }
        return objective.assignment();
    }

    /**
     * @param objective the objective at the solver's final assignment
     * @return whether {@link #settle} would return to the start, i.e. the current state is worse
     */
    public boolean isWorse(Objective objective) {
        return objective.value() > value;
    }
}
