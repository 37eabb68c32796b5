package org.barq.solvers.coordinatedescent;

import java.util.SplittableRandom;
import org.barq.api.data.Permutations;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.api.solver.StridedWorkers;
import org.barq.solvers.Deadline;
import org.barq.solvers.RowRanges;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;
import org.barq.solvers.gptq.GptqSolver;

/**
 * Coordinate descent (FORMULATION §4): sweeps over the variables in cyclic or seeded random order, flipping a
 * variable whenever its delta is negative, until a sweep changes nothing (a 1-flip local optimum), {@code max-sweeps}
 * sweeps were made or the time is up. One step is one sweep; the trace has a point per sweep. With
 * {@code start=gptq} the descent starts from GPTQ's choices instead of round-to-nearest (the trace's step 0), and
 * the result is still never worse than round-to-nearest.
 *
 * <p>When {@code J} is row-separable the rows descend independently (see {@link RowSweeps}), in parallel on
 * {@code context.threads()} threads with the same result for any thread count; a sweep is then a round in which every
 * row not yet at its optimum sweeps once. Otherwise one thread sweeps all variables.
 */
public final class CoordinateDescentSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "coordinate-descent";

    /** Variables visited between deadline checks in a joint sweep. */
    private static final int CHECK_EVERY = 256;

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "sweeps of single-flip improvements (cyclic or random order) to a 1-flip local optimum",
            CoordinateDescentOptions.SPECS);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        CoordinateDescentOptions.from(options);
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        CoordinateDescentOptions options = CoordinateDescentOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        if (options.start() == CoordinateDescentOptions.Start.GPTQ) {
            GptqSolver.warmStart(problem, objective, deadline);
            trace.record(0, objective.value());
        }
        long sweeps = objective.rowSeparable()
                ? byRows(problem, objective, context, options, start, deadline, trace)
                : joint(objective, context.seed(), options, start, deadline, trace);
        boolean[] result = start.settle(objective);
        return new SolverResult(result, trace.finish(sweeps, objective.value()), sweeps);
    }

    private static long byRows(RoundingProblem problem, Objective objective, SolveContext context,
                               CoordinateDescentOptions options, StartPoint start, Deadline deadline,
                               TraceRecorder trace) {
        RowRanges rows = RowRanges.of(problem.space());
        RowSweeps sweeps = new RowSweeps(objective, rows, options.order(), context.seed(), start.tolerance());
        try (StridedWorkers workers = new StridedWorkers(Math.min(context.threads(), rows.rows()), NAME)) {
            long round = 0;
            while (round < options.maxSweeps() && sweeps.anyActive() && !deadline.passed()) {
                sweeps.round(workers, deadline);
                round++;
                trace.record(round, objective.value());
            }
            return round;
        }
    }

    private static long joint(Objective objective, long seed, CoordinateDescentOptions options, StartPoint start,
                              Deadline deadline, TraceRecorder trace) {
        int[] order = Sweeps.range(0, objective.variables());
        SplittableRandom random = new SplittableRandom(seed);
        double tolerance = start.tolerance();
        long sweep = 0;
        boolean changed = order.length > 0;
        while (changed && sweep < options.maxSweeps() && !deadline.passed()) {
            if (options.order() == SweepOrder.RANDOM) {
                Permutations.shuffle(order, random);
            }
            changed = false;
            for (int from = 0; from < order.length && !deadline.passed(); from += CHECK_EVERY) {
                int to = Math.min(order.length, from + CHECK_EVERY);
                changed |= Sweeps.sweep(objective, order, from, to, tolerance) > 0;
            }
            sweep++;
            trace.record(sweep, objective.value());
        }
        return sweep;
    }
}
