package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.InvalidInputException;
import org.barq.experiments.pipeline.CorrectionPlan;
import org.barq.experiments.pipeline.OutputPassPlan;
import org.barq.experiments.pipeline.OutputPassReport;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.objectives.output.LambdaSelection;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.RoundedMetadata;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.experiments.pipeline.SequentialRounding;
import picocli.CommandLine;

/** {@code barq quantize}: rounds every layer of a float checkpoint and writes the rounded checkpoint. */
@CommandLine.Command(name = "quantize", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Round every layer of a float model to a b-bit grid, first to last, and write the rounded checkpoint.")
final class QuantizeCommand implements Callable<Integer> {
    static final String BOUNDARY_AWARE = "boundary-aware";

    private final SequentialRounding rounding;
    private final LogitCorrections corrections;

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Mixin
    private DataOptions data;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE", description = "The float checkpoint.")
    private Path model;

    @CommandLine.Option(names = "--calibration", paramLabel = "SPEC",
            description = "Calibration data, used whole (e.g. csv:cal.csv). Default: the calibration split of --dataset.")
    private String calibration;

    @CommandLine.Option(names = "--bits", defaultValue = "4", description = "Bit width, 2 to 8.")
    private int bits;

    @CommandLine.Mixin
    private RoundingOptions options;

    @CommandLine.Mixin
    private CorrectionOptions correction;

    @CommandLine.Option(names = "--preset", paramLabel = "NAME",
            description = "boundary-aware: round with gptq (or --solver when given), then run the output pass over"
                    + " the last two weight layers: flips scored by the forward pass on the logits' reconstruction"
                    + " plus lambda times the margin-weighted pair-gap error over every calibration sample, lambda"
                    + " chosen from 0, 0.3, 1, 3 and 10 by 3-fold cross-validation inside the calibration set (the"
                    + " lowest pair-gap error on the held-out folds among those that keep R within 1.1x of the same"
                    + " pass at lambda 0; --pass-lambda gives other candidates, or one to run with). It needs"
                    + " calibration data: with 12000 samples it cut GPTQ's held-out pair-order flips by 54 %% at 4 bits"
                    + " on Fashion-MNIST (train or import --calibration-max, or --calibration). The choices go into"
                    + " the checkpoint's metadata (docs/boundary-gap.md).")
    private String preset;

    @CommandLine.Option(names = "--pass-lambda", split = ",", paramLabel = "LAMBDA",
            description = "With --preset boundary-aware: the output pass's pair-gap weight. One value runs the pass"
                    + " with it and skips the cross-validation (several times faster, for tuning); a comma-separated"
                    + " list is the cross-validation's candidates. Default: 0,0.3,1,3,10.")
    private List<Double> passLambdas;

    @CommandLine.Option(names = "--out", converter = OutputFile.class, required = true, paramLabel = "FILE",
            description = "The rounded checkpoint to write (.safetensors).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    QuantizeCommand(SequentialRounding rounding, LogitCorrections corrections) {
        this.rounding = rounding;
        this.corrections = corrections;
    }

    private RoundingPlan withPreset(RoundingPlan plan) {
        if (preset == null) {
            if (passLambdas != null) {
                throw new InvalidInputException("--pass-lambda " + passLambdas + " weighs the output pass's pair-gap"
                        + " error, and no pass runs without --preset " + BOUNDARY_AWARE + ". Maybe add --preset "
                        + BOUNDARY_AWARE + ", or --lambda for each layer's surrogate?");
            }
            return plan;
        }
        if (!preset.equals(BOUNDARY_AWARE)) {
            throw new InvalidInputException("unknown preset '" + preset + "'. Maybe --preset " + BOUNDARY_AWARE + "?");
        }
        RoundingPlan base = options.given("--solver") ? plan : new RoundingPlan(plan.grid(), "gptq", plan.solverOptions(),
                plan.objective(), plan.seed(), plan.timeLimit(), plan.threads());
        OutputPassPlan pass = OutputPassPlan.BOUNDARY_AWARE;
        return base.withOutputPass(passLambdas == null ? pass : pass.withLambdas(passLambdas));
    }

    /** Validates the plan, saying so when the preset chose its solver, which the user did not name. */
    private void validate(RoundingPlan plan) {
        try {
            rounding.validate(plan);
        } catch (InvalidInputException e) {
            if (preset == null || options.given("--solver")) {
                throw e;
            }
            throw new InvalidInputException("--preset " + preset + " rounds with " + plan.solver() + " unless --solver"
                    + " is given: " + e.getMessage(), e);
        }
    }

    private static void printPass(PrintWriter console, OutputPassReport pass) {
        pass.choice().ifPresent(c -> {
            String rule = LambdaSelection.rule(pass.plan().rLimit(), pass.plan().matching());
            console.printf(Locale.ROOT, "output pass: lambda by %d-fold cross-validation inside the calibration"
                    + " set: %s%n", c.folds(), rule);
            for (LambdaSelection.Score s : c.scores()) {
                console.printf(Locale.ROOT, "  lambda %-5s held-out band pair-order flip %.4f (%d of %d, %d at the"
                                + " start)  held-out pair-gap error %.3fx  R %.3fx lambda 0, %.3fx start%s%n",
                        s.lambda(), s.pairOrderFlip(), s.bandFlips(), s.bandSize(), s.startFlips(), s.heldOutGap(),
                        s.reconstructionRatio(), s.startRatio(),
                        s.lambda() == c.lambda() ? "  <- chosen" : s.withinLimit() ? "" : "  (R over the limit)");
            }
            if (c.scores().stream().noneMatch(LambdaSelection.Score::withinLimit)) {
                console.printf("  no lambda keeps R within the limit: the one with the least R is chosen%n");
            }
            console.printf(Locale.ROOT, "  expected on unseen data: about %.2fx the start's band pair-order flips (the"
                    + " square root of the chosen lambda's held-out pair-gap error; docs/boundary-gap.md)%n",
                    c.expectedFlipRatio());
        });
        console.printf(Locale.ROOT, "output pass, lambda %s, matching %s: R of the last two layers %.6g -> %.6g (the"
                        + " logits' %.6g after), pair-gap error %.6g -> %.6g, %d flips, %.1f s%n", pass.lambda(),
                pass.plan().matching().id(), pass.rBefore(), pass.rAfter(), pass.rLayers()[1], pass.gBefore(),
                pass.gAfter(), pass.accepted(), pass.seconds());
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--out", out).input("--model", model).data("--dataset", data.dataset)
                .data("--calibration", calibration).require();
        RoundingPlan plan = withPreset(options.plan(bits, preset != null));
        options.requireBandRead();
        data.requireNoSplitOptionsWith("--calibration", calibration);
        validate(plan);
        CorrectionPlan correctionPlan = correction.plan(plan.seed());
        corrections.validate(correctionPlan);
        LoadedCheckpoint source = FloatCheckpoints.read(model, "--model");
        SequentialRounding.requireFits(source.network(), plan);
        corrections.validate(correctionPlan, source.network().classes());
        // behind an input quantizer the network is rounded on what it sees: the calibration set's decoded codes
        Dataset calibrationSet = source.networkInputs(calibration != null
                ? data.resolver(calibration).loadWhole(calibration) : data.splitsFor(source.metadata()).calibration());
        DataOptions.requireCompatible(source.network(), calibrationSet, calibration != null ? "--calibration"
                : "--dataset");
        if (preset != null) {
            OutputPassPlan.smallCalibrationNote(calibrationSet.size(), calibration != null ? 0
                    : DataOptions.calibrationCap(source.metadata()), "train or import with --calibration-max "
                    + OutputPassPlan.MEASURED_SAMPLES, "pass --calibration with more samples of the same kind").ifPresent(console::println);
        }
        console.printf("rounding %s to %d bits%s with %s, objective %s, on %s (%d samples)%n", model, bits,
                plan.grid().groupSize() == 0 ? "" : ", a scale per group of " + plan.grid().groupSize() + " inputs",
                plan.solver(), plan.objective().describe(), calibrationSet.name(), calibrationSet.size());
        RoundingOptions.unweightedSurrogateNote(plan).ifPresent(console::println);
        RoundingOutcome outcome = rounding.run(source.network(), calibrationSet, plan, new LayerTable(console));
        // in the order they ran: the output pass is part of the rounding, the correction is fitted after it
        outcome.outputPass().ifPresent(p -> printPass(console, p));
        Optional<LogitCorrections.Fitted> fitted = corrections.fit(correctionPlan, source.network(),
                outcome.rounded().network(), calibrationSet);
        fitted.ifPresent(f -> console.printf(Locale.ROOT, "%s: calibration ||z_f - z||^2 per sample %.6g -> %.6g%n",
                f.correction(), f.before(), f.after()));
        SortedMap<String, String> metadata = RoundedMetadata.of(plan, source, calibrationSet, outcome);
        if (preset != null) {
            metadata.put(ModelMetadata.PRESET, preset);
        }
        metadata.putAll(RoundedMetadata.correction(correctionPlan, fitted));
        Checkpoints.writeRounded(out, outcome.rounded(), source.input().orElse(null),
                fitted.map(LogitCorrections.Fitted::correction), metadata);
        console.printf("wrote %s%n", out);
        console.flush();
        return 0;
    }
}
