package org.barq.solvers;

import java.time.Duration;
import org.barq.api.solver.SolveContext;

/**
 * A solve's wall-clock deadline as a {@link System#nanoTime()} value, fixed when the solve starts. Solvers poll
 * {@link #passed()} at a granularity where the poll costs little next to the work between polls.
 */
public final class Deadline {
    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    /**
     * @param context the solve's budget
     * @return the deadline {@code context.timeLimit()} from now
     */
    public static Deadline of(SolveContext context) {
        return new Deadline(context.deadlineFromNow());
    }

    /** @return whether the budget is spent */
    public boolean passed() {
        return System.nanoTime() - at >= 0;
    }

    /** @return the time left in whole milliseconds, at least one, so that a library given it still starts */
    public Duration remaining() {
        long left = (at - System.nanoTime()) / 1_000_000L;
        return Duration.ofMillis(Math.max(left, 1L));
    }
}
