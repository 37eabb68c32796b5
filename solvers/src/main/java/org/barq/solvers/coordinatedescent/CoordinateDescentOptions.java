package org.barq.solvers.coordinatedescent;

import java.util.List;
import java.util.Locale;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code coordinate-descent}.
 *
 * @param order     the visiting order of a sweep
 * @param maxSweeps the most sweeps, at least 1
 * @param start     where the descent starts
 */
public record CoordinateDescentOptions(SweepOrder order, int maxSweeps, Start start) {
    /** Where the descent starts. */
    public enum Start {
        /** Round-to-nearest, the objective's state when the solver is called. */
        NEAREST,
        /** GPTQ's choices (damping 0.01), which reach a lower {@code R} than any 1-flip descent from RTN. */
        GPTQ;

        static Start parse(String id) {
            for (Start s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(id)) {
                    return s;
                }
            }
            throw new InvalidInputException("coordinate-descent option start=" + id + " is not valid. Maybe one of:"
                    + " nearest, gptq?");
        }
    }

    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("order", "cyclic", "sweep order: cyclic (index order) or random (seeded, new each sweep)"),
            new OptionSpec("max-sweeps", "1000", "stop after this many sweeps, even if the last one flipped"),
            new OptionSpec("start", "nearest", "where to start: nearest (RTN) or gptq (GPTQ's choices; the result is"
                    + " still never worse than RTN)"));

    /** Validates the budget. */
    public CoordinateDescentOptions {
        if (start == null) {
            throw new InvalidInputException("coordinate-descent option start is missing. Maybe nearest?");
        }
        if (order == null) {
            throw new InvalidInputException("coordinate-descent option order is missing. Maybe cyclic?");
        }
        if (maxSweeps < 1) {
            throw new InvalidInputException("coordinate-descent option max-sweeps=" + maxSweeps
                    + " must be at least 1. Maybe 1000 (the default)?");
        }
    }

    /**
     * @param options validated against {@link #SPECS}
     * @return the typed options
     */
    public static CoordinateDescentOptions from(SolverOptions options) {
        return new CoordinateDescentOptions(SweepOrder.parse(options.getString("order")), options.getInt("max-sweeps"),
                Start.parse(options.getString("start")));
    }
}
