package org.barq.experiments.pipeline;

import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
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
 */
public record RoundingPlan(GridSpec grid, String solver, SortedMap<String, String> solverOptions,
                           ObjectiveSpec objective, long seed, Duration timeLimit, int threads) {

    /** Validates the budget and copies the options. */
    public RoundingPlan {
        solverOptions = new TreeMap<>(solverOptions);
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new InvalidInputException("time limit " + timeLimit + " must be positive. Maybe --time-limit 60s?");
        }
        if (threads < 1) {
            throw new InvalidInputException("threads " + threads + " must be at least 1.");
        }
    }
}
