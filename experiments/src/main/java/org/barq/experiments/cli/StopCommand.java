package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.model.Network;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.data.Splits;
import org.barq.api.grid.GridSpec;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.GeometryReport;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.stopping.StoppingCandidate;
import org.barq.evaluation.stopping.StoppingReport;
import org.barq.evaluation.stopping.StoppingRule;
import org.barq.experiments.pipeline.CorrectionPlan;
import org.barq.experiments.pipeline.LayerReport;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.training.Trainer;
import picocli.CommandLine;

/** {@code barq stop}: the stopping rule of FORMULATION §5 for one rounding method over bit widths. */
@CommandLine.Command(name = "stop", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Round at every bit width from --max-bits down to --min-bits, then pick the lowest width by "
                + "calibration accuracy and by the boundary-aware rule; report their held-out flip rate and Jaccard.")
final class StopCommand implements Callable<Integer> {
    private final SequentialRounding rounding;
    private final LogitCorrections corrections;

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Mixin
    private DataOptions data;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE", description = "The float checkpoint.")
    private Path model;

    @CommandLine.Mixin
    private RoundingOptions rounder;

    @CommandLine.Mixin
    private CorrectionOptions correction;

    @CommandLine.Option(names = "--max-bits", defaultValue = "8", description = "The widest candidate.")
    private int maxBits;

    @CommandLine.Option(names = "--min-bits", defaultValue = "3", description = "The narrowest candidate.")
    private int minBits;

    @CommandLine.Option(names = "--eps-acc", defaultValue = "0.01",
            description = "Selected by accuracy: calibration accuracy within this of float.")
    private double epsAccuracy;

    @CommandLine.Option(names = "--tau-flip", defaultValue = "0.01",
            description = "Boundary-aware: calibration flip rate at most this.")
    private double tauFlip;

    @CommandLine.Option(names = "--tau-jaccard", defaultValue = "0.5",
            description = "Boundary-aware: calibration slice-boundary Jaccard at most this.")
    private double tauJaccard;

    @CommandLine.Option(names = "--slice-grid", defaultValue = "200",
            description = "Cells per side of the PCA slice, 2 to " + EvaluationOptions.MAX_SLICE_GRID + ".")
    private int sliceGrid;

    @CommandLine.Option(names = "--json", converter = OutputFile.class,
            paramLabel = "FILE", description = "Also write the report as JSON.")
    private Path json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    StopCommand(SequentialRounding rounding, LogitCorrections corrections) {
        this.rounding = rounding;
        this.corrections = corrections;
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--json", json).input("--model", model).data("--dataset", data.dataset).require();
        EvaluationSetOptions.requireSliceGrid(spec.commandLine().getParseResult(), sliceGrid);
        if (minBits < GridSpec.MIN_BITS || maxBits > GridSpec.MAX_BITS || minBits > maxBits) {
            throw new InvalidInputException("bit range " + minBits + ".." + maxBits + " is not valid: use "
                    + GridSpec.MIN_BITS + " <= --min-bits <= --max-bits <= " + GridSpec.MAX_BITS + ". Maybe --min-bits "
                    + GridSpec.MIN_BITS + " --max-bits " + GridSpec.MAX_BITS + "?");
        }
        StoppingRule rule = new StoppingRule(epsAccuracy, tauFlip, tauJaccard);
        RoundingPlan widest = rounder.plan(maxBits);
        rounder.requireBandRead();
        rounding.validate(widest);
        CorrectionPlan correctionPlan = correction.plan(rounder.seed);
        corrections.validate(correctionPlan);
        LoadedCheckpoint source = FloatCheckpoints.read(model, "--model");
        SequentialRounding.requireGroupSize(source.network(), widest.grid());
        corrections.validate(correctionPlan, source.network().classes());
        Splits splits = data.splitsFor(source.metadata());
        // behind an input quantizer, rounding and metrics see the decoded codes, as the network does
        Dataset calibrationSet = source.networkInputs(splits.calibration());
        Dataset testSet = source.networkInputs(splits.test());
        DataOptions.requireCompatible(source.network(), calibrationSet);
        // One beta for the objective's band and the metrics' band, so both look at the same samples.
        EvaluationOptions options = new EvaluationOptions(rounder.band, sliceGrid, EvaluationOptions.DEFAULTS.sliceRange(),
                EvaluationOptions.DEFAULTS.interpolationSteps());
        List<StoppingCandidate> candidates = new ArrayList<>();
        console.printf("rounding %s at %d to %d bits with %s, objective %s%s%n", model, maxBits, minBits,
                widest.solver(), widest.objective().describe(), correctionPlan.fits() ? ", then the "
                        + correctionPlan.name() + " correction " + correctionPlan.options() : "");
        RoundingOptions.unweightedSurrogateNote(widest).ifPresent(console::println);
        console.printf("%4s %10s %10s %10s %10s %10s %10s%n", "bits", "cal acc", "cal flip", "cal J", "test acc",
                "test flip", "test J");
        GeometryEvaluator.Reference calibrationReference = GeometryEvaluator.reference(source.network(),
                calibrationSet, options);
        GeometryEvaluator.Reference testReference = GeometryEvaluator.reference(source.network(), testSet,
                options);
        for (int bits = maxBits; bits >= minBits; bits--) {
            RoundingPlan plan = rounder.plan(bits);
            RoundingOutcome outcome = rounding.run(source.network(), calibrationSet, plan, null);
            Network network = outcome.rounded().network();
            // Each width is judged as it would be deployed: with its own correction, if one is asked for.
            Optional<LogitCorrection> fitted = corrections.fit(correctionPlan, source.network(), network,
                    calibrationSet).map(LogitCorrections.Fitted::correction);
            GeometryReport cal = GeometryEvaluator.evaluate(calibrationReference, network, fitted).report();
            GeometryReport test = GeometryEvaluator.evaluate(testReference, network, fitted).report();
            candidates.add(StoppingCandidate.of(bits, cal, test));
            console.printf(Locale.ROOT, "%4d %10.4f %10.4f %10.4f %10.4f %10.4f %10.4f%n", bits,
                    cal.accuracyRounded(), cal.flipRate(), cal.boundaryJaccard(), test.accuracyRounded(),
                    test.flipRate(), test.boundaryJaccard());
            for (LayerReport layer : outcome.layers()) {
                for (String note : layer.notes()) {
                    console.printf(Locale.ROOT, "     %d bits, layer %d: %s%n", bits, layer.layer(), note);
                }
            }
            console.flush();
        }
        double floatAccuracy = Trainer.accuracy(source.network(), calibrationSet);
        StoppingReport report = rule.select(candidates, floatAccuracy);
        summarise(console, report);
        if (json != null) {
            // what was rounded, so that runs at other settings can be told apart
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("model", model.toString());
            written.put("model_sha256", source.sha256());
            written.put("solver", widest.solver());
            written.put("solver_options", widest.solverOptions());
            written.put("objective", widest.objective().describe());
            written.put("lambda", widest.objective().lambda());
            written.put("seed", widest.seed());
            written.put("correction", correctionPlan.fits() ? correctionPlan.name() : null);
            written.put("correction_options", correctionPlan.options());
            written.putAll(report.toJson());
            JsonReports.write(json, written);
            console.printf("wrote %s%n", json);
        }
        console.flush();
        return 0;
    }

    /** The two rules' choices in words; the JSON holds every number. */
    private static void summarise(PrintWriter console, StoppingReport report) {
        StoppingRule rule = report.rule();
        console.printf(Locale.ROOT, "by accuracy (calibration accuracy within %s of float's %.4f): %s%n",
                rule.epsAccuracy(), report.floatCalibrationAccuracy(), chosen(report.byAccuracy()));
        console.printf(Locale.ROOT, "boundary-aware (calibration flip rate <= %s and Jaccard distance <= %s): %s%n",
                rule.tauFlip(), rule.tauJaccard(), chosen(report.boundaryAware()));
        console.printf(Locale.ROOT, "Jaccard, calibration against test over %d widths: Pearson r %s%n",
                report.variants(), Double.isNaN(report.pearsonR()) ? "undefined (fewer than three widths, where r"
                        + " is always +-1, or one side constant)" : String.format(Locale.ROOT, "%.4f", report.pearsonR()));
    }

    private static String chosen(Optional<StoppingCandidate> candidate) {
        return candidate.map(c -> String.format(Locale.ROOT, "%d bits (test accuracy %.4f, flip rate %.4f, Jaccard"
                + " distance %.4f)", c.bits(), c.test().accuracy(), c.test().flipRate(), c.test().jaccard()))
                .orElse("no width qualifies");
    }
}
