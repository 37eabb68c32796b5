package org.barq.solvers.adaround;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code adaround}, with the AdaRound paper's defaults.
 *
 * @param iterations Adam iterations, at least 1
 * @param lr         Adam learning rate, positive
 * @param reg        weight of the rounding regulariser, at least 0
 * @param warmup     fraction of iterations without the regulariser, in [0, 1)
 * @param betaStart  the regulariser's exponent after the warm-up, at least {@code betaEnd}
 * @param betaEnd    the exponent at the last iteration, at least 1
 */
public record AdaRoundOptions(int iterations, double lr, double reg, double warmup, double betaStart,
                              double betaEnd) {
    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("iterations", "10000", "Adam iterations"),
            new OptionSpec("lr", "0.001", "Adam learning rate"),
            new OptionSpec("reg", "0.01", "weight of the rounding regulariser sum(1 - |2h - 1|^beta)"),
            new OptionSpec("warmup", "0.2", "fraction of iterations before the regulariser starts"),
            new OptionSpec("beta-start", "20", "regulariser exponent when it starts (cosine-annealed)"),
            new OptionSpec("beta-end", "2", "regulariser exponent at the last iteration"));

    /** Validates every value. */
    public AdaRoundOptions {
        if (iterations < 1) {
            throw bad("iterations", Integer.toString(iterations), "at least 1", "10000");
        }
        if (!(lr > 0)) {
            throw bad("lr", Double.toString(lr), "positive", "0.001");
        }
        if (!(reg >= 0)) {
            throw bad("reg", Double.toString(reg), "at least 0", "0.01");
        }
        if (!(warmup >= 0 && warmup < 1)) {
            throw bad("warmup", Double.toString(warmup), "in [0, 1)", "0.2");
        }
        if (!(betaEnd >= 1)) {
            throw bad("beta-end", Double.toString(betaEnd), "at least 1", "2");
        }
        if (!(betaStart >= betaEnd)) {
            throw bad("beta-start", Double.toString(betaStart), "at least beta-end (" + betaEnd + ")", "20");
        }
    }

    private static InvalidInputException bad(String name, String value, String rule, String fallback) {
        return new InvalidInputException("adaround option " + name + "=" + value + " must be " + rule + ". Maybe "
                + fallback + " (the default)?");
    }

    /**
     * @param options validated against {@link #SPECS}
     * @return the typed options
     */
    public static AdaRoundOptions from(SolverOptions options) {
        return new AdaRoundOptions(options.getInt("iterations"), options.getDouble("lr"), options.getDouble("reg"),
                options.getDouble("warmup"), options.getDouble("beta-start"), options.getDouble("beta-end"));
    }

    /** @return the first iteration (0-based) with the regulariser on */
    int warmupIterations() {
        return (int) Math.round(warmup * iterations);
    }

    /**
     * The cosine annealing of AdaRound's reference implementation (Qualcomm AIMET, by the paper's authors):
     * {@code beta = end + (start - end) (1 + cos(pi t')) / 2} with {@code t'} the fraction of the post-warm-up
     * iterations done.
     *
     * @param iteration 0-based, at or after {@link #warmupIterations()}
     * @return the regulariser's exponent at that iteration
     */
    double beta(int iteration) {
        int first = warmupIterations();
        double progress = iterations > first ? (iteration - first) / (double) (iterations - first) : 1.0;
        return betaEnd + 0.5 * (betaStart - betaEnd) * (1 + Math.cos(Math.PI * progress));
    }
}
