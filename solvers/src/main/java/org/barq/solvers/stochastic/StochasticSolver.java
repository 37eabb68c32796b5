package org.barq.solvers.stochastic;

import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.FractionalPart;
import org.barq.solvers.TraceRecorder;

/**
 * Stochastic rounding (FORMULATION §4): {@code u ~ Bernoulli(w/s - f)} independently per variable, seeded. A
 * baseline without search; unlike every other solver it may return something worse than round-to-nearest.
 */
public final class StochasticSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "stochastic";

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "stochastic rounding: up with probability w/s - floor, seeded; a baseline, may be worse than RTN",
            List.of(), false);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        TraceRecorder trace = new TraceRecorder(objective.value());
        boolean[] up = sample(problem, new SplittableRandom(context.seed()));
        objective.assign(up);
        return new SolverResult(up, trace.finish(up.length, objective.value()), up.length);
    }

    /**
     * @param problem the layer
     * @param random  the seeded source; one draw per variable, in variable order
     * @return one Bernoulli draw per variable with success probability {@link FractionalPart#of}
     */
    static boolean[] sample(RoundingProblem problem, SplittableRandom random) {
        boolean[] up = new boolean[problem.space().variables()];
        for (int v = 0; v < up.length; v++) {
            up[v] = random.nextDouble() < FractionalPart.of(problem, v);
        }
        return up;
    }
}
