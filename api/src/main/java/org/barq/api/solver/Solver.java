package org.barq.api.solver;

import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;

/**
 * A rounding solver: chooses up or down for every variable of a layer to minimise {@code J}. Solvers are
 * registered by {@link SolverDescriptor#name()} with a Guice {@code MapBinder<String, Solver>}; third-party solvers
 * arrive as Guice modules through {@link java.util.ServiceLoader} (see the solvers module).
 *
 * <p>Contract: read {@code J} only through {@link Objective}; start from the objective's state (round-to-nearest);
 * be deterministic for a given seed whatever the thread count; obey the time limit; never return an assignment
 * worse than the start (the {@code stochastic} baseline excepted); record an {@link ObjectiveTrace}.
 */
public interface Solver {

    /** @return name, description and options */
    SolverDescriptor descriptor();

    /**
     * Reads every option value as {@link #solve} will, so that a bad value is refused before any layer is solved
     * and before anything is printed or written. Solvers without options keep this default, which accepts all.
     *
     * @param options the options the solver will be given
     * @throws org.barq.api.InvalidInputException naming the option and its value
     */
    default void checkOptions(SolverOptions options) {
    }

    /**
     * @param problem   the layer's problem (grid, float weights, H)
     * @param objective {@code J}, set to the starting assignment; the solver may change its state
     * @param context   seed, budget, threads and options
     * @return the assignment and the trace
     */
    SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context);
}
