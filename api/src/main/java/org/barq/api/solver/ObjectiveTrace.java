package org.barq.api.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The anytime curve of one solve: objective value against elapsed time and steps. Solvers append a point when
 * the value improves (and at the start and end), so that anytime curves can be plotted.
 */
public final class ObjectiveTrace {
    /**
     * One point of the curve.
     *
     * @param nanos elapsed time since the solve started
     * @param step  the solver's step count (its own unit: flips, sweeps, iterations)
     * @param value {@code J}
     */
    public record Point(long nanos, long step, double value) {
    }

    private final long start = System.nanoTime();
    private final List<Point> points = new ArrayList<>();

    /**
     * @param step  the step count
     * @param value {@code J} at that step
     */
    public void record(long step, double value) {
        points.add(new Point(System.nanoTime() - start, step, value));
    }

    /** @return the points so far, oldest first */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /** @return nanoseconds since the trace began */
    public long elapsedNanos() {
        return System.nanoTime() - start;
    }
}
