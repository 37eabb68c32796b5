package org.barq.solvers.adaround;

import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.Deadline;
import org.barq.solvers.FractionalPart;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;

/**
 * AdaRound (Nagel et al. 2020) on barq's {@code J} (FORMULATION §4): each variable gets a continuous {@code V},
 * initialised so that the rectified sigmoid {@code h(V)} equals the weight's fractional part; Adam minimises
 * the loss of {@link Relaxation} ({@code J} at the relaxed weights plus the rounding regulariser, off for the warm-up, then with
 * its exponent cosine-annealed from {@code beta-start} to {@code beta-end}); finally {@code u = h(V) >= 0.5}.
 *
 * <p>{@code J} is normalised by its value at round-to-nearest, whereas the paper's loss is an unnormalised squared
 * error, so {@code reg} weighs the regulariser differently than the paper's 0.01 does on its loss.
 *
 * <p>One step is one Adam iteration; the trace holds {@code J} of the hard rounding every 5 % of the iterations (when
 * it improves). Like every searching solver, adaround never returns something worse than its start: if the hard
 * rounding is worse, the result is the start, and the trace then ends with two points at the last step: the
 * rounding's {@code J}, then the start's.
 */
public final class AdaRoundSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "adaround";

    /** Trace checkpoints per solve. */
    private static final int CHECKPOINTS = 20;

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "AdaRound: rectified-sigmoid relaxation of J with annealed rounding regulariser, Adam, then hard rounding",
            AdaRoundOptions.SPECS);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        AdaRoundOptions.from(options);
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        AdaRoundOptions options = AdaRoundOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        int n = objective.variables();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RectifiedSigmoid.inverse(FractionalPart.of(problem, i));
        }
        Relaxation relaxation = new Relaxation(objective, v, options.reg(), new Adam(options.lr(), n));
        int every = Math.max(1, options.iterations() / CHECKPOINTS);
        int done = 0;
        try (ParallelChunks chunks = new ParallelChunks(n, context.threads())) {
            while (done < options.iterations() && !deadline.passed()) {
                boolean regularised = done >= options.warmupIterations();
                relaxation.step(regularised, regularised ? options.beta(done) : 0, chunks);
                done++;
                if (done % every == 0 && done < options.iterations()) {
                    objective.assign(relaxation.hardRounding());
                    trace.improved(done, objective.value());
                }
            }
        }
        objective.assign(relaxation.hardRounding());
        if (start.isWorse(objective)) {
            trace.record(done, objective.value());
        }
        boolean[] result = start.settle(objective);
        return new SolverResult(result, trace.finish(done, objective.value()), done);
    }
}
