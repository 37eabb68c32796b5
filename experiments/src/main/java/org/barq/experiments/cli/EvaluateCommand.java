package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluation;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.GeometryReport;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.plot.SlicePlots;
import picocli.CommandLine;

/** {@code barq evaluate}: what rounding did to the decision geometry (FORMULATION §5). */
@CommandLine.Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Compare a float and a rounded model on a set: accuracy, flips, band, margins, PCA slice, "
                + "junctions, Fisher ratios.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE", description = "The float checkpoint.")
    private Path model;

    @CommandLine.Option(names = "--rounded", required = true, paramLabel = "FILE",
            description = "The rounded checkpoint.")
    private Path rounded;

    @CommandLine.Mixin
    private EvaluationSetOptions set;

    @CommandLine.Option(names = "--json", paramLabel = "FILE", description = "Also write every metric as JSON.")
    private Path json;

    @CommandLine.Option(names = "--plots", paramLabel = "DIR",
            description = "Write PNG pictures of the slices and boundary masks into DIR.")
    private Path plots;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        LoadedCheckpoint floatCheckpoint = FloatCheckpoints.read(model, "--model");
        LoadedCheckpoint roundedCheckpoint = Checkpoints.read(rounded);
        requireRoundedFrom(floatCheckpoint, model, roundedCheckpoint, rounded);
        Dataset data = floatCheckpoint.networkInputs(set.set(floatCheckpoint.metadata()));
        DataOptions.requireCompatible(floatCheckpoint.network(), data);
        EvaluationOptions options = set.options(EvaluationOptions.DEFAULTS.interpolationSteps());
        GeometryEvaluation evaluation = GeometryEvaluator.evaluate(floatCheckpoint.network(), roundedCheckpoint.network(),
                data, options);
        print(console, data, evaluation.report());
        if (json != null) {
            JsonReports.write(json, evaluation.report().toJson());
            console.printf("wrote %s%n", json);
        }
        if (plots != null) {
            for (Path p : SlicePlots.write(plots, "", evaluation)) {
                console.printf("wrote %s%n", p);
            }
        }
        console.flush();
        return 0;
    }

    /**
     * Comparing a rounded model with a float model it was not made from gives numbers that mean nothing, so a rounded
     * file must name the float file's SHA-256 as its source.
     */
    static void requireRoundedFrom(LoadedCheckpoint source, Path sourceFile, LoadedCheckpoint rounded,
                                   Path roundedFile) {
        if (!rounded.isRounded()) {
            throw new InvalidInputException(roundedFile + " is a float checkpoint, not a rounded one. Maybe pass the"
                    + " output of barq quantize?");
        }
        if (!rounded.network().spec().equals(source.network().spec())) {
            throw new InvalidInputException(roundedFile + " has layers " + rounded.network().spec() + " but "
                    + sourceFile + " has " + source.network().spec()
                    + ". Maybe pass the rounded file made from --model?");
        }
        String recorded = rounded.metadata().get(Checkpoints.SOURCE_SHA256);
        if (!source.sha256().equals(recorded)) {
            throw new InvalidInputException(roundedFile + " was rounded from a file with SHA-256 " + recorded + ", but "
                    + sourceFile + " has SHA-256 " + source.sha256() + ". Maybe pass the float file it was made from?");
        }
    }

    private static void print(PrintWriter out, Dataset data, GeometryReport report) {
        Map<String, Object> values = report.toJson();
        out.printf("evaluated on %s (%d samples, band %d)%n", data.name(), data.size(), report.band());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.printf("  %-30s %s%n", e.getKey(), shown(e.getValue()));
        }
    }

    /** A number with 6 significant digits; a nested map as {@code key value, ...}, its own maps after a colon. */
    private static String shown(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                boolean nested = e.getValue() instanceof Map<?, ?>;
                s.append(s.length() == 0 ? "" : nested ? "; " : ", ").append(e.getKey()).append(nested ? ": " : " ")
                        .append(shown(e.getValue()));
            }
            return s.toString();
        }
        return String.valueOf(value);
    }
}
