package org.barq.experiments.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.solver.SolveContext;
import org.barq.objectives.ObjectiveSpec;

/**
 * Everything that decides how a model is rounded: grid, solver and its options, objective, seed and budget.
 *
 * @param grid          bits, scale method and group size
 * @param solver        the solver's registered name
 * @param solverOptions solver-specific options as given, sorted by key
 * @param objective     the objective of every layer
 * @param seed          the run's seed; each layer's solver seed is split from it
 * @param timeLimit     the time budget of each layer's solve
 * @param threads       worker threads a solver may use
 * @param outputPass    the output pass after the last layer, if any
 */
public record RoundingPlan(GridSpec grid, String solver, SortedMap<String, String> solverOptions,
                           ObjectiveSpec objective, long seed, Duration timeLimit, int threads,
                           Optional<OutputPassPlan> outputPass) {

    /** A plan without an output pass. */
    public RoundingPlan(GridSpec grid, String solver, SortedMap<String, String> solverOptions, ObjectiveSpec objective,
                        long seed, Duration timeLimit, int threads) {
        this(grid, solver, solverOptions, objective, seed, timeLimit, threads, Optional.empty());
    }

    /** Validates the budget and copies the options. */
    public RoundingPlan {
        solverOptions = new TreeMap<>(solverOptions);
        SolveContext.requireTimeLimit(timeLimit, "--time-limit 60s");
        if (threads < 1) {
            throw new InvalidInputException("threads " + threads + " must be at least 1. Maybe 2, or the number of"
                    + " cores?");
        }
        outputPass = outputPass == null ? Optional.empty() : outputPass;
    }

    /** @return this plan followed by that output pass */
    public RoundingPlan withOutputPass(OutputPassPlan pass) {
        return new RoundingPlan(grid, solver, solverOptions, objective, seed, timeLimit, threads, Optional.of(pass));
    }
}
