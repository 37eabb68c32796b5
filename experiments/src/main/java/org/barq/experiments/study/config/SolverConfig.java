package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.solver.SolveContext;
import org.barq.experiments.pipeline.OutputPassPlan;

/**
 * One solver of a study. The name and the option keys and values are checked against the solver registry when the
 * run starts ({@link StudyValidation}).
 *
 * @param name      the registered solver name, e.g. {@code coordinate-descent}; required
 * @param label     how variant ids and reports name this entry; default the name. Two entries of one solver with
 *                  different options need different labels.
 * @param options   the solver's own options (see {@code barq solvers}); values are read as text
 * @param timeLimit the time budget of each layer's solve, in seconds; default 300. A solve that runs out of time
 *                  depends on the machine's speed, so keep it above what the solve needs (bound the work with the
 *                  solver's step options instead) if the codes must be reproducible.
 * @param outputPass the output pass after the layer-by-layer rounding (issue 20), or null for none; {@code {}} takes
 *                  the values of {@code barq quantize --preset boundary-aware}
 */
public record SolverConfig(@JsonProperty("name") String name, @JsonProperty("label") String label,
                           @JsonProperty("options") SortedMap<String, String> options,
                           @JsonProperty("time_limit") Double timeLimit,
                           @JsonProperty("output_pass") OutputPassConfig outputPass) {

    /** The default per-layer budget, as {@code barq quantize}'s. */
    public static final double DEFAULT_TIME_LIMIT = 300.0;

    /** Applies the defaults and checks the label and the budget. */
    public SolverConfig {
        Checks.required("name", name, "name: coordinate-descent");
        label = Checks.or(label, name);
        Checks.label(label, name);
        options = new TreeMap<>(Checks.or(options, Map.of()));
        timeLimit = Checks.positive("time_limit", Checks.or(timeLimit, DEFAULT_TIME_LIMIT), "30 (seconds)");
        Checks.within("time_limit", timeLimit, 0, SolveContext.MAX_TIME_LIMIT.toSeconds(), "30 (seconds)");
    }

    /**
     * @param name the solver alone, as in {@code solvers: [gptq, nearest]}
     * @return the entry with every other key at its default
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SolverConfig of(String name) {
        return new SolverConfig(name, null, null, null, null);
    }

    /** @return the output pass's plan, if this entry has one */
    public Optional<OutputPassPlan> outputPassPlan() {
        return Optional.ofNullable(outputPass).map(OutputPassConfig::plan);
    }

    /** @return the per-layer budget */
    public Duration budget() {
        return Duration.ofNanos(Math.round(timeLimit * 1e9));
    }

    /**
     * @param resolved every option with its effective value
     * @return this entry with those options
     */
    public SolverConfig withOptions(SortedMap<String, String> resolved) {
        return new SolverConfig(name, label, resolved, timeLimit, outputPass);
    }
}
