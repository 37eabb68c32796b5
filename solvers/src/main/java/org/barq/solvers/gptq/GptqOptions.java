package org.barq.solvers.gptq;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code gptq}.
 *
 * @param damp     the damping added to {@code H}'s diagonal, as a fraction of its mean diagonal; positive
 * @param actOrder whether the columns are rounded by decreasing {@code H_jj} rather than in their order
 */
public record GptqOptions(double damp, boolean actOrder) {
    /** The default damping, as a fraction of {@code H}'s mean diagonal (the GPTQ paper's). */
    public static final double DEFAULT_DAMP = 0.01;
    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("damp", Double.toString(DEFAULT_DAMP),
                    "add damp * mean(diag H) to H's diagonal before inverting"),
            new OptionSpec("act-order", "false", "round the columns by decreasing H_jj (GPTQ's desc_act) instead of"
                    + " in their order"));

    /** Validates the damping (the order is a validated choice already). */
    public GptqOptions {
        if (!(damp > 0) || !Double.isFinite(damp)) {
            throw new InvalidInputException("gptq option damp=" + damp + " must be a positive number. Maybe 0.01 "
                    + "(the default)?");
        }
    }

    /**
     * @param options validated against {@link #SPECS}
     * @return the typed options
     */
    public static GptqOptions from(SolverOptions options) {
        return new GptqOptions(options.getDouble("damp"),
                Boolean.parseBoolean(options.getChoice("act-order", List.of("true", "false"))));
    }
}
