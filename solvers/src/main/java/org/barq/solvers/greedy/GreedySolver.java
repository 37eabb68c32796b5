package org.barq.solvers.greedy;

import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.Deadline;
import org.barq.solvers.RowRanges;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;

/**
 * Steepest descent over single flips (FORMULATION §4): apply the flip with the most negative delta, lowest variable
 * index on ties, until no flip improves {@code J} (a 1-flip local optimum), {@code max-flips} flips were applied or
 * the time is up. Deltas are cached; after a flip only the flipped row is re-evaluated when {@code J} is
 * row-separable, every variable otherwise (the surrogate couples all rows). One step is one flip.
 */
public final class GreedySolver implements Solver {
    /** The registry name. */
    public static final String NAME = "greedy";

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "steepest descent: apply the single best flip until none improves J", GreedyOptions.SPECS);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        GreedyOptions.from(options);
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        GreedyOptions options = GreedyOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        RoundingSpace space = problem.space();
        boolean separable = objective.rowSeparable();
        DeltaTable table = new DeltaTable(objective, RowRanges.of(space));
        double tolerance = start.tolerance();
        double value = start.value();
        long flips = 0;
        while (flips < options.maxFlips() && !deadline.passed()) {
            int v = table.best();
            if (v < 0 || !(table.delta(v) < -tolerance)) {
                break;
            }
            value += table.delta(v);
            objective.flip(v);
            flips++;
            if (separable) {
                table.refreshRow(space.rowOf(v));
            } else {
                table.refreshAll();
            }
            trace.improved(flips, value);
        }
        boolean[] result = start.settle(objective);
        return new SolverResult(result, trace.finish(flips, objective.value()), flips);
    }
}
