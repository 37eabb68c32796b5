package org.barq.api.correction;

import org.barq.api.solver.SolverOptions;

/**
 * Fits a {@link LogitCorrection} of a rounded network from calibration logits. Implementations are registered by
 * name (a Guice {@code MapBinder<String, CorrectionFitter>}), like solvers, and must be deterministic for a seed.
 */
public interface CorrectionFitter {
    /** @return the name, description and options */
    CorrectionDescriptor descriptor();

    /**
     * @param logits  the float and rounded networks' logits on the calibration samples
     * @param options validated against {@link #descriptor()}
     * @param seed    the seed of anything random in the fit
     * @return the fitted correction
     */
    LogitCorrection fit(CalibrationLogits logits, SolverOptions options, long seed);

    /**
     * Reads every option value as {@link #fit} will, so that a bad value is refused before the network is rounded.
     * Fitters without options keep this default, which accepts all.
     *
     * @param options the options the fit will be given
     * @throws org.barq.api.InvalidInputException naming the option and its value
     */
    default void checkOptions(SolverOptions options) {
    }

    /**
     * As {@link #checkOptions(SolverOptions)}, once the number of logits is known (from the model), for options
     * bounded by it.
     *
     * @param options the options the fit will be given
     * @param classes the network's number of logits
     * @throws org.barq.api.InvalidInputException naming the option and its value
     */
    default void checkOptions(SolverOptions options, int classes) {
        checkOptions(options);
    }
}
