package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.interpolation.InterpolationReport;
import org.barq.evaluation.interpolation.InterpolationResult;
import org.barq.evaluation.interpolation.Interpolator;
import org.barq.evaluation.plot.SlicePlots;
import org.barq.evaluation.slice.Slice;
import org.barq.report.ViewVariant;
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
            description = "The (b+1)-bit rounded checkpoint (any width from b up, except with --view).")
    private Path high;

    @CommandLine.Option(names = "--steps", defaultValue = "20",
            description = "T: t = 0, 1/T, ..., 1; at most " + EvaluationOptions.MAX_INTERPOLATION_STEPS + ".")
    private int steps;

    @CommandLine.Mixin
    private EvaluationSetOptions set;

    @CommandLine.Option(names = "--json", converter = OutputFile.class,
            paramLabel = "FILE", description = "Also write the report as JSON.")
    private Path json;

    @CommandLine.Option(names = "--plots", converter = OutputFolder.class, paramLabel = "DIR",
            description = "Write PNG pictures into DIR.")
    private Path plots;

    @CommandLine.Option(names = "--view", converter = OutputFile.class,
            arity = "0..1", fallbackValue = "view.html", paramLabel = "FILE",
            description = "Also write the boundary viewer (default file view.html): one offline HTML page with the"
                    + " slices of W(t) at t = 0, 1/T, ..., 1 on a slider, beside the float model's.")
    private Path view;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--json", json).output("--view", view).output("--plots", plots)
                .input("--model", model).input("--low", low).input("--high", high)
                .data("--dataset", set.data.dataset).require();
        EvaluationSetOptions.requireSliceGrid(spec.commandLine().getParseResult(), set.sliceGrid);
        EvaluationOptions.interpolationStepsProblem(steps).ifPresent(problem -> {
            throw new InvalidInputException("--steps " + steps + " " + problem + ". Maybe --steps "
                    + EvaluationOptions.DEFAULTS.interpolationSteps() + ", the default?");
        });
        LoadedCheckpoint floatCheckpoint = FloatCheckpoints.read(model, "--model");
        LoadedCheckpoint lowCheckpoint = Checkpoints.read(low);
        LoadedCheckpoint highCheckpoint = Checkpoints.read(high);
        EvaluateCommand.requireRoundedFrom(floatCheckpoint, model, lowCheckpoint, low);
        EvaluateCommand.requireRoundedFrom(floatCheckpoint, model, highCheckpoint, high);
        requireLowBelowHigh(bits(lowCheckpoint), bits(highCheckpoint));
        if (view != null) {
            requireAdjacent(bits(lowCheckpoint), bits(highCheckpoint));
        }
        Dataset data = floatCheckpoint.networkInputs(set.set(floatCheckpoint.metadata()));
        DataOptions.requireCompatible(floatCheckpoint.network(), data);
        InterpolationResult result = Interpolator.run(floatCheckpoint.network(), lowCheckpoint.network(),
                lowCheckpoint.correction(), highCheckpoint.network(), highCheckpoint.correction(), data,
                set.options(EvaluationOptions.DEFAULTS.beta(), steps));
        for (LoadedCheckpoint c : List.of(lowCheckpoint, highCheckpoint)) {
            c.correction().ifPresent(k -> console.printf("%s stores the %s: the path blends the two ends' corrected"
                    + " logits, (1 - t) c_low(z(t)) + t c_high(z(t))%n", c == lowCheckpoint ? low : high, k));
        }
        InterpolationReport report = result.report();
        console.printf("interpolated %s -> %s in %d steps on the PCA slice of %s%n", low, high, steps, data.name());
        report.toJson().forEach((k, v) -> console.printf("  %-40s %s%n", k, v));
        if (json != null) {
            // which ends were interpolated, and with which corrections, so that two such files can be told apart
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("low", low.toString());
            written.put("low_sha256", lowCheckpoint.sha256());
            written.put("low_correction", lowCheckpoint.correction().map(LogitCorrection::method).orElse(null));
            written.put("high", high.toString());
            written.put("high_sha256", highCheckpoint.sha256());
            written.put("high_correction", highCheckpoint.correction().map(LogitCorrection::method).orElse(null));
            written.putAll(report.toJson());
            JsonReports.write(json, written);
            console.printf("wrote %s%n", json);
        }
        if (view != null) {
            console.printf("wrote %s%n", view(floatCheckpoint, lowCheckpoint, highCheckpoint, data));
        }
        if (plots != null) {
            for (Path p : SlicePlots.write(plots, "", result)) {
                console.printf("wrote %s%n", p);
            }
        }
        console.flush();
        return 0;
    }

    /** A swapped pair would run the path backwards and report each change at {@code 1 - t}. */
    private void requireLowBelowHigh(int lowBits, int highBits) {
        if (lowBits > highBits) {
            throw new InvalidInputException("--low " + low + " has " + lowBits + " bits and --high " + high + " "
                    + highBits + ": the path runs from the fewer bits to the more, W(t) = (1-t) W_b + t W_(b+1)."
                    + " Maybe swap --low and --high?");
        }
    }

    /** The viewer's slider runs over bit widths, so its path joins two neighbouring ones. */
    private static void requireAdjacent(int lowBits, int highBits) {
        if (highBits != lowBits + 1) {
            throw new InvalidInputException("--view shows the path from b to b + 1 bits, but --low has " + lowBits
                    + " and --high " + highBits + " bits. Maybe a " + (lowBits + 1) + "-bit model for --high?");
        }
    }

    private static int bits(LoadedCheckpoint rounded) {
        return rounded.rounded().orElseThrow().bits();
    }

    /** The page: both ends with their metrics, and between them the slices at every step of the run. */
    private Path view(LoadedCheckpoint floatCheckpoint, LoadedCheckpoint lowCheckpoint,
                      LoadedCheckpoint highCheckpoint, Dataset data) {
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(floatCheckpoint.network(), data,
                set.options(EvaluationOptions.DEFAULTS.beta(), steps));
        List<Double> positions = new ArrayList<>();
        for (int k = 0; k <= steps; k++) {
            positions.add((double) k / steps);
        }
        List<Slice> toward = Interpolator.slices(lowCheckpoint.network(), lowCheckpoint.correction(),
                highCheckpoint.network(), highCheckpoint.correction(), reference.plane(),
                positions.subList(1, steps));
        // One menu entry for the pair; when two solvers made its ends, the entry names each with its width.
        String lowSolver = CheckpointViews.solver(lowCheckpoint);
        String highSolver = CheckpointViews.solver(highCheckpoint);
        String solver = lowSolver.equals(highSolver) ? lowSolver : lowSolver + " " + bits(lowCheckpoint) + " bits → "
                + highSolver + " " + bits(highCheckpoint) + " bits";
        List<ViewVariant> variants = List.of(
                CheckpointViews.variant(low, solver, lowCheckpoint, reference, GeometryEvaluator.evaluate(reference,
                        lowCheckpoint.network(), lowCheckpoint.correction()).report().toJson(), toward),
                CheckpointViews.variant(high, solver, highCheckpoint, reference, GeometryEvaluator.evaluate(reference,
                        highCheckpoint.network(), highCheckpoint.correction()).report().toJson(), List.of()));
        return CheckpointViews.write(view, "barq viewer: " + low.getFileName() + " to " + high.getFileName(),
                reference, positions, variants);
    }
}
