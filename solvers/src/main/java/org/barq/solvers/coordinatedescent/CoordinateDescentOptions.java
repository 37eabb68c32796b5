package org.barq.solvers.coordinatedescent;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code coordinate-descent}.
 *
 * @param order     the visiting order of a sweep
 * @param maxSweeps the most sweeps, at least 1
 */
public record CoordinateDescentOptions(SweepOrder order, int maxSweeps) {
    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("order", "cyclic", "sweep order: cyclic (index order) or random (seeded, new each sweep)"),
            new OptionSpec("max-sweeps", "1000", "stop after this many sweeps, even if the last one flipped"));

    /** Validates the budget. */
    public CoordinateDescentOptions {
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
        return new CoordinateDescentOptions(SweepOrder.parse(options.getString("order")), options.getInt("max-sweeps"));
    }
}
