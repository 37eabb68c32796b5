package org.barq.solvers.localsearch;

import java.util.List;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * Options of {@code local-search}.
 *
 * @param algorithm          the metaheuristic
 * @param maxSteps           stop after this many OptaPlanner steps, at least 1
 * @param unimprovedSteps    stop after this many steps without a new best, at least 1; not for simulated annealing,
 *                           which runs its whole cooling schedule
 * @param maxEvaluations     stop after this many evaluated moves, at least 1: the only count that grows while no
 *                           move is accepted (late acceptance at a strict local optimum accepts none)
 * @param tabuSize           entity tabu size for {@code tabu}, at least 1 (capped at half the variables)
 * @param lateAcceptanceSize the late-acceptance window for {@code late-acceptance}, at least 1
 * @param temperature        the starting temperature of {@code simulated-annealing} in units of the mean
 *                           {@code |delta|} at the start, positive
 * @param assertions         run OptaPlanner in FULL_ASSERT and check every score against a full recompute
 * @param start              where the search starts
 * @param pairMoves          whether moves also flip two choices of a row with correlated inputs at once
 */
public record LocalSearchOptions(Algorithm algorithm, int maxSteps, int unimprovedSteps, long maxEvaluations,
                                 int tabuSize, int lateAcceptanceSize, double temperature, boolean assertions,
                                 Start start, boolean pairMoves) {
    /** Where the search starts. */
    public enum Start {
        /** Round-to-nearest, the objective's state when the solver is called. */
        NEAREST("nearest"),
        /** GPTQ's choices. */
        GPTQ("gptq"),
        /** What {@code pair-search} (with its defaults) finds from GPTQ's choices. */
        PAIR_SEARCH("pair-search");

        private final String id;

        Start(String id) {
            this.id = id;
        }

        static Start parse(String id) {
            for (Start s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new InvalidInputException("local-search option start=" + id + " is not valid. Maybe one of:"
                    + " nearest, gptq, pair-search?");
        }
    }

    /** The option names with their defaults. */
    public static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("algorithm", "tabu", "tabu, late-acceptance or simulated-annealing"),
            new OptionSpec("max-steps", "1000000", "stop after this many steps"),
            new OptionSpec("unimproved-steps", "10000",
                    "tabu, late-acceptance: stop after this many steps without a new best"),
            new OptionSpec("max-evaluations", "100000000",
                    "stop after this many evaluated moves (bounds a late acceptance that accepts nothing)"),
            new OptionSpec("tabu-size", "7", "tabu: variables that may not flip again (capped at half the variables)"),
            new OptionSpec("late-acceptance-size", "400", "late-acceptance: steps back to compare with"),
            new OptionSpec("temperature", "1.0",
                    "simulated-annealing: starting temperature in units of the mean |delta| at the start"),
            new OptionSpec("assert", "false",
                    "true: OptaPlanner FULL_ASSERT, every score checked against a full recompute (slow)"),
            new OptionSpec("start", "gptq", "where to start: nearest (RTN), gptq (GPTQ's choices) or pair-search (what"
                    + " pair-search finds, in its own time); the result is never worse than RTN"),
            new OptionSpec("pair-moves", "true", "true: besides single flips, flip two choices of a row whose inputs"
                    + " correlate most (pair-search's neighbours) at once"));

    /** The options when none is given. */
    private static final LocalSearchOptions DEFAULTS = typed(SolverOptions.of("local-search", SPECS, Map.of()));

    /** Validates every value. */
    public LocalSearchOptions {
        if (start == null) {
            throw new InvalidInputException("local-search option start is missing. Maybe gptq?");
        }
        if (algorithm == null) {
            throw new InvalidInputException("local-search option algorithm is missing. Maybe tabu?");
        }
        atLeastOne("max-steps", maxSteps, "1000000");
        atLeastOne("unimproved-steps", unimprovedSteps, "10000");
        atLeastOne("max-evaluations", maxEvaluations, "100000000");
        atLeastOne("tabu-size", tabuSize, "7");
        atLeastOne("late-acceptance-size", lateAcceptanceSize, "400");
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new InvalidInputException("local-search option temperature=" + temperature
                    + " must be a positive number. Maybe 1.0 (the default)?");
        }
    }

    private static void atLeastOne(String name, long value, String fallback) {
        if (value < 1) {
            throw new InvalidInputException("local-search option " + name + "=" + value
                    + " must be at least 1. Maybe " + fallback + " (the default)?");
        }
    }

    /**
     * @param options validated against {@link #SPECS}
     * @return the typed options
     */
    public static LocalSearchOptions from(SolverOptions options) {
        LocalSearchOptions typed = typed(options);
        // a setting of another algorithm than the one chosen would be dropped without a word (a resolved config
        // spells every default out, which is harmless)
        requireReadBy(options, "tabu-size", typed.tabuSize() != DEFAULTS.tabuSize(), typed.algorithm(),
                Algorithm.TABU);
        requireReadBy(options, "late-acceptance-size", typed.lateAcceptanceSize() != DEFAULTS.lateAcceptanceSize(),
                typed.algorithm(), Algorithm.LATE_ACCEPTANCE);
        requireReadBy(options, "temperature", typed.temperature() != DEFAULTS.temperature(), typed.algorithm(),
                Algorithm.SIMULATED_ANNEALING);
        return typed;
    }

    private static LocalSearchOptions typed(SolverOptions options) {
        return new LocalSearchOptions(Algorithm.parse(options.getString("algorithm")), options.getInt("max-steps"),
                options.getInt("unimproved-steps"), options.getLong("max-evaluations"), options.getInt("tabu-size"),
                options.getInt("late-acceptance-size"), options.getDouble("temperature"),
                Boolean.parseBoolean(options.getChoice("assert", List.of("true", "false"))),
                Start.parse(options.getString("start")),
                Boolean.parseBoolean(options.getChoice("pair-moves", List.of("true", "false"))));
    }

    private static void requireReadBy(SolverOptions options, String name, boolean notDefault, Algorithm chosen,
                                      Algorithm reader) {
        if (notDefault && chosen != reader) {
            throw new InvalidInputException("local-search option " + name + "=" + options.given().get(name) + " is read"
                    + " only by algorithm=" + reader.id() + ", and algorithm=" + chosen.id() + " would ignore it."
                    + " Maybe algorithm=" + reader.id() + ", or drop " + name + "?");
        }
    }
}
