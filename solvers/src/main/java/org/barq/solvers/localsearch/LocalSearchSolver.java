package org.barq.solvers.localsearch;

import java.util.Arrays;
import java.util.Map;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.Deadline;
import org.barq.solvers.Neighbours;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;
import org.barq.solvers.gptq.GptqSolver;
import org.barq.solvers.pairsearch.PairSearchSolver;
import org.optaplanner.core.api.score.buildin.simplelong.SimpleLongScore;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * OptaPlanner local search over the rounding variables (FORMULATION §4): tabu search, late acceptance or simulated
 * annealing, from GPTQ's choices (or round-to-nearest, or pair-search's result), with single flips and pair flips of
 * correlated inputs in a row, and {@code J} as an incremental score ({@link FlipScoreCalculator},
 * {@link ObjectiveScoring}). One step of this solver is one score calculation (an evaluated move), counted over the
 * whole search. Deterministic for a seed when a step limit, not the clock, ends the search.
 */
public final class LocalSearchSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "local-search";

    /** Partners per choice for pair moves, as pair-search's default. */
    private static final int NEIGHBOURS = 8;

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "OptaPlanner local search (tabu, late acceptance or simulated annealing) with J as incremental score",
            LocalSearchOptions.SPECS);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        LocalSearchOptions.from(options);
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        if (objective.variables() == 0) {
            return new SolverResult(start.assignment(), trace.finish(0, start.value()), 0);
        }
        LocalSearchOptions options = LocalSearchOptions.from(context.options());
        startFrom(options.start(), problem, objective, context, trace);
        Outcome outcome = search(problem, objective, context, trace);
        objective.assign(outcome.best().assignment());
        boolean[] result = start.settle(objective);
        long steps = outcome.calculations();
        return new SolverResult(result, trace.finish(steps, objective.value()), steps);
    }

    /**
     * What the search found, in OptaPlanner's terms.
     *
     * @param best         OptaPlanner's best solution, with its score
     * @param scoring      how its score maps back to {@code J}
     * @param calculations score calculations made
     */
    record Outcome(RoundingPlan best, ObjectiveScoring scoring, long calculations) {
        /** @return {@code J} as OptaPlanner's best score states it */
        double bestValue() {
            return scoring.valueOf(best.score());
        }
    }

    /**
     * Runs OptaPlanner from the objective's current state; leaves the objective unchanged.
     *
     * @param objective the objective at the start, with at least one variable
     * @param context   seed, budget and options
     * @param trace     receives every new best
     * @return the best solution and its score
     */
    Outcome search(RoundingProblem problem, Objective objective, SolveContext context, TraceRecorder trace) {
        LocalSearchOptions options = LocalSearchOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        ObjectiveScoring scoring = new ObjectiveScoring(objective.copy(), options.assertions());
        RoundingPlan plan = new RoundingPlan(objective.assignment(), scoring,
                options.pairMoves() ? partners(problem) : new int[objective.variables()][0]);
        long temperature = options.algorithm() == Algorithm.SIMULATED_ANNEALING
                ? scoring.quanta(options.temperature() * meanAbsoluteDelta(objective)) : 1L;
        org.optaplanner.core.api.solver.Solver<RoundingPlan> solver = SolverFactory.<RoundingPlan>create(
                LocalSearchConfigs.build(options, context.seed(), deadline.remaining(), objective.variables(),
                        temperature)).buildSolver();
        solver.addEventListener(event -> trace.improved(scoring.calculations(),
                scoring.valueOf((SimpleLongScore) event.getNewBestScore())));
        RoundingPlan best = solver.solve(plan);
        return new Outcome(best, scoring, scoring.calculations());
    }

    /** Puts the objective at the start the options name: RTN (as called), GPTQ's choices, or pair-search's result. */
    private static void startFrom(LocalSearchOptions.Start start, RoundingProblem problem, Objective objective,
                                  SolveContext context, TraceRecorder trace) {
        if (start == LocalSearchOptions.Start.NEAREST || objective.variables() == 0) {
            return;
        }
        if (start == LocalSearchOptions.Start.GPTQ) {
            GptqSolver.warmStart(problem, objective, Deadline.of(context));
        } else {
            PairSearchSolver pairSearch = new PairSearchSolver();
            objective.assign(pairSearch.solve(problem, objective.copy(), new SolveContext(context.seed(),
                    context.timeLimit(), context.threads(), SolverOptions.of(pairSearch.descriptor(), Map.of())))
                    .assignment());
        }
        trace.record(0, objective.value());
    }

    /** @return for each variable, the variables of its row whose inputs correlate most with its input */
    private static int[][] partners(RoundingProblem problem) {
        RoundingSpace space = problem.space();
        int in = problem.layer().in();
        Neighbours neighbours = Neighbours.of(problem.hessian(), in, NEIGHBOURS);
        int[][] partners = new int[space.variables()][];
        int[] buffer = new int[NEIGHBOURS];
        for (int v = 0; v < partners.length; v++) {
            int rowBase = space.weightOf(v) - space.colOf(v);
            int count = 0;
            for (int c : neighbours.of(space.colOf(v))) {
                int w = space.variableOf(rowBase + c);
                if (w >= 0) {
                    buffer[count++] = w;
                }
            }
            partners[v] = Arrays.copyOf(buffer, count);
        }
        return partners;
    }

    private static double meanAbsoluteDelta(Objective objective) {
        double sum = 0;
        for (int v = 0; v < objective.variables(); v++) {
            sum += Math.abs(objective.delta(v));
        }
        return sum / objective.variables();
    }
}
