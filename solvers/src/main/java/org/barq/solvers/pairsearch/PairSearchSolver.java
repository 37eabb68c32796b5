package org.barq.solvers.pairsearch;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.api.solver.StridedWorkers;
import org.barq.solvers.Deadline;
import org.barq.solvers.Neighbours;
import org.barq.solvers.RowRanges;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;
import org.barq.solvers.gptq.GptqSolver;

/**
 * Iterated local search per row with single and paired flips ({@link RowSearch}), started from GPTQ's choices.
 * A 1-flip descent from GPTQ gains little because the better assignments differ from it in several correlated
 * weights at once; a pair move changes two correlated weights together, and a kick of a few neighbouring weights
 * followed by a descent reaches further.
 *
 * <p>With {@code lambda = 0} the rows are independent: they search in parallel on {@code context.threads()}
 * threads, row {@code r} with the {@code r}-th random stream split from the seed, so the result is the same for any
 * thread count as long as the kicks, not the clock, end the search. With a weighted surrogate the rows are coupled
 * and search one after another on one thread, each move evaluated exactly through the objective, in passes over
 * all rows until a pass gains nothing; each move then costs a pass over the band, so {@code kicks=auto} descends
 * without kicks there (1000 kicks a row took two minutes on the digits model's 64 x 64 first layer and ran past
 * 300 s on MNIST's 256 x 784).
 */
public final class PairSearchSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "pair-search";

    /** Passes over coupled rows at most; each pass runs every row's search. */
    private static final int MAX_COUPLED_PASSES = 10;

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "iterated local search per row with 1- and 2-flip moves among correlated inputs, from GPTQ's choices",
            PairSearchOptions.SPECS);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        PairSearchOptions.from(options);
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        PairSearchOptions options = PairSearchOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        if (options.gptqStart()) {
            GptqSolver.warmStart(problem, objective, options.actOrder(), deadline);
            trace.record(0, objective.value());
        }
        RowRanges rows = RowRanges.of(problem.space());
        Neighbours neighbours = Neighbours.of(problem.hessian(), problem.layer().in(), options.neighbours());
        SplittableRandom root = new SplittableRandom(context.seed());
        SplittableRandom[] random = new SplittableRandom[rows.rows()];
        for (int r = 0; r < rows.rows(); r++) {
            random[r] = root.split();
        }
        long[] flips = new long[rows.rows()];
        if (objective.rowSeparable()) {
            double kappa = QuadraticRow.kappa(objective, problem.samples());
            double[][] hessianRows = problem.hessianRows();
            run(rows, r -> new QuadraticRow(objective, problem, hessianRows, rows.start(r), rows.end(r), kappa),
                    neighbours, random, flips, options.kicks(true), options.kickSize(), context.threads(), start.tolerance(),
                    deadline);
        } else {
            // Coupled rows: a row's search changes the others' landscape, so rows are searched again, in order,
            // until a whole pass gains nothing.
            for (int pass = 0; pass < MAX_COUPLED_PASSES && !deadline.passed(); pass++) {
                double before = objective.value();
                run(rows, r -> new ObjectiveRow(objective, problem.space(), rows.start(r), rows.end(r)), neighbours,
                        random, flips, options.kicks(false), options.kickSize(), 1, start.tolerance(), deadline);
                if (objective.value() >= before - start.tolerance()) {
                    break;
                }
            }
        }
        long total = Arrays.stream(flips).sum();
        boolean[] result = start.settle(objective);
        return new SolverResult(result, trace.finish(total, objective.value()), total);
    }

    /**
     * Each row's outcome depends on it alone, so the workers' count does not change it; a row's state is made when
     * its turn comes, so only one per worker is held at a time.
     */
    private static void run(RowRanges rows, IntFunction<SearchRow> rowOf, Neighbours neighbours,
                            SplittableRandom[] random, long[] flips, int kicks, int kickSize,
                            int threads, double tolerance, Deadline deadline) {
        try (StridedWorkers workers = new StridedWorkers(threads, NAME)) {
            workers.forEach(rows.rows(), r -> {
                RowSearch search = new RowSearch(rowOf.apply(r), neighbours, tolerance);
                search.run(kicks, kickSize, random[r], deadline);
                flips[r] += search.flips();
            });
        }
    }
}
