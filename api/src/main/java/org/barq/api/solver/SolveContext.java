package org.barq.api.solver;

import java.time.Duration;
import org.barq.api.InvalidInputException;

/**
 * What a solve may use: a seed, a time budget, a thread count and the solver's own options. A solver must give
 * the same assignment for the same seed whatever the thread count.
 *
 * @param seed      the solver's seed, already split from the run's seed for this layer
 * @param timeLimit wall-clock budget for the layer; the solver returns its best so far when it runs out
 * @param threads   worker threads it may use, at least 1
 * @param options   solver-specific options, validated
 */
public record SolveContext(long seed, Duration timeLimit, int threads, SolverOptions options) {
    /** The longest budget: far beyond any solve, and far inside {@link System#nanoTime()}'s range. */
    public static final Duration MAX_TIME_LIMIT = Duration.ofDays(30);

    /** Validates the budget and the thread count. */
    public SolveContext {
        requireTimeLimit(timeLimit, "60 seconds");
        if (threads < 1) {
            throw new InvalidInputException("threads " + threads + " must be at least 1. Maybe 2, or the number of"
                    + " cores?");
        }
    }

    /**
     * @param timeLimit a solve's budget
     * @param example   a value to suggest, in the caller's words
     * @throws InvalidInputException when it is not positive or longer than {@link #MAX_TIME_LIMIT}
     */
    public static void requireTimeLimit(Duration timeLimit, String example) {
        if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
            throw new InvalidInputException("time limit " + timeLimit + " must be positive and at most "
                    + MAX_TIME_LIMIT.toDays() + " days. Maybe " + example + "?");
        }
    }

    /** @return the deadline as a {@link System#nanoTime()} value, counted from now */
    public long deadlineFromNow() {
        long nanos = timeLimit.toNanos();
        long now = System.nanoTime();
        return nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }
}
