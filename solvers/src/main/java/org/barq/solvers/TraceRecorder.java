package org.barq.solvers;

import org.barq.api.solver.ObjectiveTrace;

/**
 * Builds a solve's {@link ObjectiveTrace}: the start, improvements at most every {@value #MIN_GAP_NANOS} ns (so that
 * a descent of a million flips does not store a million points), and the end. The throttle only thins the trace;
 * it never changes what a solver does.
 */
public final class TraceRecorder {
    private static final long MIN_GAP_NANOS = 1_000_000L;

    private final ObjectiveTrace trace = new ObjectiveTrace();
    private double best;
    private long lastNanos;

    /**
     * Records the start as step 0.
     *
     * @param startValue {@code J} at the start
     */
    public TraceRecorder(double startValue) {
        trace.record(0, startValue);
        best = startValue;
        lastNanos = trace.elapsedNanos();
    }

    /**
     * Records {@code value} if it improves on the best recorded so far and the last point is not too recent.
     *
     * @param step  the solver's step count
     * @param value {@code J} at that step
     */
    public void improved(long step, double value) {
        if (value < best) {
            long now = trace.elapsedNanos();
            if (now - lastNanos >= MIN_GAP_NANOS) {
                record(step, value);
            }
        }
    }

    /**
     * Records a point unconditionally, e.g. one per sweep.
     *
     * @param step  the solver's step count
     * @param value {@code J} at that step
     */
    public void record(long step, double value) {
        trace.record(step, value);
        best = Math.min(best, value);
        lastNanos = trace.elapsedNanos();
    }

    /**
     * Records the end and hands the trace out.
     *
     * @param step  the final step count
     * @param value {@code J} of the returned assignment
     * @return the finished trace
     */
    public ObjectiveTrace finish(long step, double value) {
        trace.record(step, value);
        return trace;
    }
}
