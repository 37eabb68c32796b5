package org.barq.solvers.pairsearch;

import java.util.List;
import java.util.OptionalInt;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code pair-search}.
 *
 * @param gptqStart  whether the search starts from GPTQ's choices (else from round-to-nearest)
 * @param actOrder   whether that GPTQ start rounds the columns by decreasing {@code H_jj}
 * @param kicks      perturbations per row, each followed by a descent (0 gives a plain 1- and 2-flip descent);
 *                   empty for {@code auto}, which chooses by the objective ({@link #kicks(boolean)})
 * @param kickSize   variables flipped by a perturbation: one at random and the rest among its neighbours
 * @param neighbours how many most-correlated inputs of each input a pair move considers
 */
public record PairSearchOptions(boolean gptqStart, boolean actOrder, OptionalInt kicks, int kickSize,
                                int neighbours) {
    /** Variables a kick flips unless told otherwise. */
    static final int DEFAULT_KICK_SIZE = 3;
    /** The kicks of {@code auto} on independent rows. */
    static final int SEPARABLE_KICKS = 1000;

    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("start", "gptq", "where to start: gptq (GPTQ's choices), gptq-act-order (GPTQ rounding the"
                    + " columns by decreasing H_jj) or nearest (RTN); the result is never worse than RTN"),
            new OptionSpec("kicks", "auto", "perturbations per row, each followed by a descent; a row keeps the best"
                    + " it has seen (0: descend once). auto: " + SEPARABLE_KICKS + " when the rows are independent"
                    + " (no surrogate), 0 when a surrogate couples them, whose every move costs a pass over the band"
                    + " (1000 kicks there took about two minutes on the digits model's first layer)"),
            new OptionSpec("kick-size", Integer.toString(DEFAULT_KICK_SIZE), "variables one perturbation flips: one"
                    + " at random, the rest among its neighbours"),
            new OptionSpec("neighbours", "8", "the inputs most correlated with an input (|H_jk| / sqrt(H_jj H_kk))"
                    + " that a 2-flip move pairs it with"));

    /** Validates the budgets. */
    public PairSearchOptions {
        if (kicks.isPresent() && kicks.getAsInt() < 0) {
            throw new InvalidInputException("pair-search option kicks=" + kicks.getAsInt() + " must be at least 0."
                    + " Maybe 1000, or auto?");
        }
        if (kickSize < 1) {
            throw new InvalidInputException("pair-search option kick-size=" + kickSize + " must be at least 1."
                    + " Maybe 3?");
        }
        if (neighbours < 1) {
            throw new InvalidInputException("pair-search option neighbours=" + neighbours + " must be at least 1."
                    + " Maybe 8?");
        }
        // the size of kicks that kicks=0 turns off would be dropped without a word (the default is harmless: a
        // resolved config spells it out)
        if (kicks.isPresent() && kicks.getAsInt() == 0 && kickSize != DEFAULT_KICK_SIZE) {
            throw new InvalidInputException("pair-search option kick-size=" + kickSize + " sizes the kicks, and"
                    + " kicks=0 runs none. Maybe kicks=1000, or drop kick-size?");
        }
    }

    /**
     * @param options validated against {@link #SPECS}
     * @return the typed options
     */
    public static PairSearchOptions from(SolverOptions options) {
        String start = options.getString("start");
        if (!start.equals("gptq") && !start.equals("gptq-act-order") && !start.equals("nearest")) {
            throw new InvalidInputException("pair-search option start=" + start + " is not valid. Maybe one of: gptq,"
                    + " gptq-act-order, nearest?");
        }
        String given = options.getString("kicks");
        OptionalInt kicks;
        try {
            kicks = given.equals("auto") ? OptionalInt.empty() : OptionalInt.of(options.getInt("kicks"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("solver pair-search option kicks=" + given + " is not valid: use a whole"
                    + " number or auto. Maybe kicks=auto, the default?");
        }
        return new PairSearchOptions(!start.equals("nearest"), start.equals("gptq-act-order"), kicks,
                options.getInt("kick-size"), options.getInt("neighbours"));
    }

    /**
     * @param separable whether the objective's rows are independent
     * @return the kicks per row to run
     */
    public int kicks(boolean separable) {
        return kicks.orElse(separable ? SEPARABLE_KICKS : 0);
    }
}
