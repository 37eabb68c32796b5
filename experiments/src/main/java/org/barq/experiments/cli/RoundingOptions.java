package org.barq.experiments.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.ScaleMethod;
import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.objectives.InputsMode;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;
import picocli.CommandLine;

/** The options that decide how a model is rounded, shared by {@code quantize} and {@code stop}. */
final class RoundingOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec mixee;

    @CommandLine.Option(names = "--grid", defaultValue = "absmax", description = "Scale choice: absmax or mse.")
    String grid;

    @CommandLine.Option(names = "--group-size", defaultValue = "0", paramLabel = "G",
            description = "Inputs that share a scale: each row gets one scale per group of G consecutive inputs (a conv"
                    + " layer's row is its in*kh*kw kernel values). G must divide every layer's width; 0 is one scale"
                    + " per row.")
    int groupSize;

    @CommandLine.Option(names = "--solver", defaultValue = "pair-search",
            description = "Solver name; see 'barq solvers'. The default reaches the lowest R for its time (README).")
    String solver;

    @CommandLine.Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A solver option, repeatable; see 'barq solvers'.")
    Map<String, String> solverOptions = new TreeMap<>();

    @CommandLine.Option(names = "--objective", defaultValue = "reconstruction",
            description = "reconstruction, gap or hinge.")
    String objective;

    @CommandLine.Option(names = "--lambda", defaultValue = "0", description = "Weight of each layer's boundary-gap"
            + " surrogate (--objective gap or hinge); not the weight of quantize --preset's output pass.")
    double lambda;

    @CommandLine.Option(names = "--band", defaultValue = "0.2", description = "beta: the band's margin quantile.")
    double band;

    @CommandLine.Option(names = "--gamma", defaultValue = "0.5", description = "The hinge surrogate's gamma.")
    double gamma;

    @CommandLine.Option(names = "--inputs", defaultValue = "sequential",
            description = "X_q through the already rounded layers (sequential) or the float ones (float).")
    String inputs;

    @CommandLine.Option(names = "--seed", defaultValue = "0",
            description = "Seed; each layer's solver seed is split from it.")
    long seed;

    @CommandLine.Option(names = "--time-limit", defaultValue = "300", paramLabel = "SECONDS",
            description = "Time budget per layer: seconds (30) or ISO-8601 (PT30S).", converter = DurationConverter.class)
    Duration timeLimit;

    @CommandLine.Option(names = "--threads", defaultValue = "2",
            description = "Worker threads a solver (and quantize --preset's output pass) may use; the codes do not"
                    + " depend on it unless --time-limit ends a search.")
    int threads;

    /** @return the plan for one bit width, validated */
    RoundingPlan plan(int bits) {
        return plan(bits, false);
    }

    /**
     * @param bits       the bit width
     * @param outputPass whether an output pass follows, whose own weight a misplaced {@code --lambda} may have meant
     * @return the plan for that width, validated
     */
    RoundingPlan plan(int bits, boolean outputPass) {
        KeyValueOptions.requireDistinctKeys(mixee.commandLine().getParseResult(), "--option");
        ObjectiveKind kind = ObjectiveKind.parse(objective);
        // the objective would drop these without a word: a value the user set must count or be refused
        if (lambda > 0 && kind == ObjectiveKind.RECONSTRUCTION) {
            throw new InvalidInputException("--lambda " + lambda + " weighs the boundary-gap surrogate, and --objective "
                    + objective + " has none. Maybe " + (outputPass ? "--pass-lambda " + lambda + " for the output"
                    + " pass's, " : "") + "--objective hinge (or gap), or no --lambda?");
        }
        if (given("--gamma") && kind != ObjectiveKind.HINGE) {
            throw new InvalidInputException("--gamma " + gamma + " is the hinge surrogate's, and --objective "
                    + objective + " has none. Maybe --objective hinge, or no --gamma?");
        }
        ObjectiveSpec spec = new ObjectiveSpec(kind, lambda, band, gamma, InputsMode.parse(inputs));
        return new RoundingPlan(new GridSpec(bits, ScaleMethod.parse(grid), groupSize), solver,
                new TreeMap<>(solverOptions),
                spec, seed, timeLimit, threads);
    }

    /**
     * @param plan the plan these options made
     * @return a note when a surrogate is weighed by 0: its {@code G} is measured and reported, but the codes are those
     *         of reconstruction alone, which the objective's name would not tell
     */
    static Optional<String> unweightedSurrogateNote(RoundingPlan plan) {
        ObjectiveSpec spec = plan.objective();
        if (!spec.hasSurrogate() || spec.weightsSurrogate()) {
            return Optional.empty();
        }
        return Optional.of("note: --objective " + spec.kind().id() + " at --lambda 0 measures its surrogate G (the"
                + " table's G column) without steering the rounding: the codes are those of --objective"
                + " reconstruction. Maybe --lambda 1?");
    }

    /**
     * Refuses a {@code --band} that nothing reads: in {@code quantize} the band is the surrogate's alone ({@code stop}
     * also evaluates on it).
     */
    void requireBandRead() {
        if (given("--band") && ObjectiveKind.parse(objective) == ObjectiveKind.RECONSTRUCTION) {
            throw new InvalidInputException("--band " + band + " picks the samples of the boundary-gap surrogate, and"
                    + " --objective " + objective + " has none. Maybe --objective hinge (or gap), or no --band?");
        }
    }

    /** @return whether the user gave {@code option}: a default never counts */
    boolean given(String option) {
        return mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Accepts plain seconds ({@code 30}, {@code 2.5}, {@code 30s}) and ISO-8601 durations ({@code PT30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                if (value.matches("[0-9]+(\\.[0-9]+)?s?")) {
                    return Duration.ofNanos((long) (Double.parseDouble(value.replace("s", "")) * 1e9));
                }
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration: use seconds (30) or ISO-8601 (PT30S)");
            }
        }
    }
}
