package org.barq.solvers.nearest;

import java.util.List;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.ObjectiveTrace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverResult;

/** Round-to-nearest (RTN): the baseline every other solver starts from; no search. */
public final class NearestSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "nearest";

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "round-to-nearest (RTN), the baseline: up iff w/s - floor >= 0.5", List.of(), false);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        ObjectiveTrace trace = new ObjectiveTrace();
        boolean[] nearest = problem.space().nearest();
        objective.assign(nearest);
        trace.record(0, objective.value());
        return new SolverResult(nearest, trace, 0);
    }
}
