package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.interpolation.InterpolationReport;
import org.barq.evaluation.interpolation.InterpolationResult;
import org.barq.evaluation.interpolation.Interpolator;
import org.barq.evaluation.plot.SlicePlots;
import picocli.CommandLine;

/** {@code barq interpolate}: how the slice's labels change between two adjacent bit widths (FORMULATION §5). */
@CommandLine.Command(name = "interpolate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Interpolate W(t) = (1-t) W_b + t W_(b+1) and find where and when the slice's boundary moves.")
final class InterpolateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The float checkpoint (its data set gives the PCA plane).")
    private Path model;

    @CommandLine.Option(names = "--low", required = true, paramLabel = "FILE", description = "The b-bit rounded checkpoint.")
    private Path low;

    @CommandLine.Option(names = "--high", required = true, paramLabel = "FILE",
            description = "The (b+1)-bit rounded checkpoint.")
    private Path high;

    @CommandLine.Option(names = "--steps", defaultValue = "20", description = "T: t = 0, 1/T, ..., 1.")
    private int steps;

    @CommandLine.Mixin
    private EvaluationSetOptions set;

    @CommandLine.Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    private Path json;

    @CommandLine.Option(names = "--plots", paramLabel = "DIR", description = "Write PNG pictures into DIR.")
    private Path plots;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        LoadedCheckpoint floatCheckpoint = FloatCheckpoints.read(model, "--model");
        LoadedCheckpoint lowCheckpoint = Checkpoints.read(low);
        LoadedCheckpoint highCheckpoint = Checkpoints.read(high);
        EvaluateCommand.requireRoundedFrom(floatCheckpoint, model, lowCheckpoint, low);
        EvaluateCommand.requireRoundedFrom(floatCheckpoint, model, highCheckpoint, high);
        Dataset data = floatCheckpoint.networkInputs(set.set(floatCheckpoint.metadata()));
        DataOptions.requireCompatible(floatCheckpoint.network(), data);
        InterpolationResult result = Interpolator.run(floatCheckpoint.network(), lowCheckpoint.network(),
                lowCheckpoint.correction(), highCheckpoint.network(), highCheckpoint.correction(), data,
                set.options(steps));
        for (LoadedCheckpoint c : List.of(lowCheckpoint, highCheckpoint)) {
            c.correction().ifPresent(k -> console.printf("%s stores the %s: the path blends the two ends' corrected"
                    + " logits, (1 - t) c_low(z(t)) + t c_high(z(t))%n", c == lowCheckpoint ? low : high, k));
        }
        InterpolationReport report = result.report();
        console.printf("interpolated %s -> %s in %d steps on the PCA slice of %s%n", low, high, steps, data.name());
        report.toJson().forEach((k, v) -> console.printf("  %-40s %s%n", k, v));
        if (json != null) {
            JsonReports.write(json, report.toJson());
            console.printf("wrote %s%n", json);
        }
        if (plots != null) {
            for (Path p : SlicePlots.write(plots, "", result)) {
                console.printf("wrote %s%n", p);
            }
        }
        console.flush();
        return 0;
    }
}
