package org.barq.api.solver;

/**
 * The outcome of one solve.
 *
 * @param assignment the chosen up/down per variable
 * @param trace      the anytime curve
 * @param steps      how many steps the solver took, in its own unit
 */
public record SolverResult(boolean[] assignment, ObjectiveTrace trace, long steps) {
}
