package org.barq.solvers.greedy;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code greedy}.
 *
 * @param maxFlips the most flips to apply, at least 0
 */
public record GreedyOptions(long maxFlips) {
    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("max-flips", "1000000", "stop after this many flips, even if one still improves"));

    /** Validates the budget. */
    public GreedyOptions {
        if (maxFlips < 0) {
            throw new InvalidInputException("greedy option max-flips=" + maxFlips
                    + " is negative. Maybe 1000000 (the default)?");
        }
    }

    /**
     * @param options validated against {@link #SPECS}
     * @return the typed options
     */
    public static GreedyOptions from(SolverOptions options) {
        return new GreedyOptions(options.getLong("max-flips"));
    }
}
