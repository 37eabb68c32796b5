package org.barq.experiments.cli;

import java.util.Map;
import java.util.TreeMap;
import org.barq.corrections.CorrectionRegistry;
import org.barq.experiments.pipeline.CorrectionPlan;
import picocli.CommandLine;

/** The correction of the logits fitted after rounding, shared by {@code quantize} and {@code stop}. */
final class CorrectionOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec mixee;

    @CommandLine.Option(names = "--correction", defaultValue = CorrectionRegistry.NONE, paramLabel = "NAME",
            description = "Correct the rounded model's logits after rounding, fitted on the calibration data: none,"
                    + " cat (an affine map per k-means cluster of the logits) or affine (one for all samples);"
                    + " see 'barq solvers'.")
    String name;

    @CommandLine.Option(names = "--correction-option", paramLabel = "KEY=VALUE",
            description = "A correction option, repeatable; see 'barq solvers'.")
    Map<String, String> options = new TreeMap<>();

    /** @param seed the run's seed, which also seeds the fit */
    CorrectionPlan plan(long seed) {
        KeyValueOptions.requireDistinctKeys(mixee.commandLine().getParseResult(), "--correction-option");
        return new CorrectionPlan(name, new TreeMap<>(options), seed);
    }
}
