package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.barq.api.correction.LogitCorrection;
import java.util.Map;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.model.InputQuantizer;
import org.barq.experiments.encoding.CodesFile;
import org.barq.experiments.training.Trainer;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluation;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.GeometryReport;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.plot.SlicePlots;
import org.barq.report.Numbers;
import org.barq.report.ViewVariant;
import picocli.CommandLine;

/** {@code barq evaluate}: what rounding did to the decision geometry (FORMULATION §5). */
@CommandLine.Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Compare a float and a rounded model on a set: accuracy, flips, band, margins, PCA slice, "
                + "junctions, Fisher ratios. A model trained behind an input quantizer (barq train --input-bits) runs"
                + " on the hard codes, and every metric, the input gradients of the margin radius and the PCA slice"
                + " included, is measured in the space of the decoded codes the network sees (the gradient with"
                + " respect to the raw features is zero almost everywhere).")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE", description = "The float checkpoint.")
    private Path model;

    @CommandLine.Option(names = "--rounded", paramLabel = "FILE",
            description = "The rounded checkpoint. Required unless --encoded is given.")
    private Path rounded;

    @CommandLine.Option(names = "--encoded", paramLabel = "FILE",
            description = "The server side of a model behind an input quantizer: run --model (and --rounded, if"
                    + " given) on the codes barq encode wrote, decoded, and print accuracy and the compression"
                    + " factor against 32-bit floats; the labels come from the data set and split the file names.")
    private Path encoded;

    @CommandLine.Mixin
    private EvaluationSetOptions set;

    @CommandLine.Option(names = "--band", defaultValue = "0.2",
            description = "beta: the band's margin quantile, of the band metrics.")
    private double band;

    @CommandLine.Option(names = "--json", converter = OutputFile.class,
            paramLabel = "FILE", description = "Also write every metric as JSON.")
    private Path json;

    @CommandLine.Option(names = "--plots", converter = OutputFolder.class, paramLabel = "DIR",
            description = "Write PNG pictures of the slices and boundary masks into DIR.")
    private Path plots;

    @CommandLine.Option(names = "--view", converter = OutputFile.class,
            arity = "0..1", fallbackValue = "view.html", paramLabel = "FILE",
            description = "Also write the boundary viewer (default file view.html): one offline HTML page with both"
                    + " models' regions, boundaries and triple junctions on the PCA slice, and the set's samples.")
    private Path view;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--json", json).output("--view", view).output("--plots", plots)
                .input("--model", model).input("--rounded", rounded).input("--encoded", encoded)
                .data("--dataset", set.data.dataset).require();
        EvaluationSetOptions.requireSliceGrid(spec.commandLine().getParseResult(), set.sliceGrid);
        LoadedCheckpoint floatCheckpoint = FloatCheckpoints.read(model, "--model");
        if (encoded != null) {
            if (view != null) {
                throw new InvalidInputException("--view draws the PCA slice of --rounded, which --encoded does not"
                        + " evaluate. Maybe drop --view, or run evaluate --rounded without --encoded?");
            }
            requireNotGivenWithEncoded();
            return evaluateEncoded(console, floatCheckpoint);
        }
        if (rounded == null) {
            throw new InvalidInputException("evaluate needs --rounded (or --encoded). Maybe --rounded"
                    + " rounded.safetensors, the output of barq quantize?");
        }
        LoadedCheckpoint roundedCheckpoint = Checkpoints.read(rounded);
        requireRoundedFrom(floatCheckpoint, model, roundedCheckpoint, rounded);
        Dataset data = floatCheckpoint.networkInputs(set.set(floatCheckpoint.metadata()));
        DataOptions.requireCompatible(floatCheckpoint.network(), data);
        EvaluationOptions options = set.options(band, EvaluationOptions.DEFAULTS.interpolationSteps());
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(floatCheckpoint.network(), data, options);
        Optional<LogitCorrection> correction = roundedCheckpoint.correction();
        GeometryEvaluation evaluation = GeometryEvaluator.evaluate(reference, roundedCheckpoint.network(), correction);
        Map<String, Object> values = evaluation.report().toJson();
        if (correction.isPresent()) {
            // The deployed model is the corrected one; the plain rounded network is shown beside it.
            GeometryReport plain = GeometryEvaluator.evaluate(reference, roundedCheckpoint.network()).report();
            console.printf("%s stores the %s; the metrics are of the corrected logits, beside those of the rounded"
                    + " network alone%n", rounded, correction.get());
            print(console, data, evaluation.report(), plain.toJson());
            Map<String, Object> both = new LinkedHashMap<>(values);
            both.put("correction", about(correction.get()));
            both.put("uncorrected", plain.toJson());
            values = both;
        } else {
            print(console, data, evaluation.report(), null);
        }
        if (json != null) {
            Map<String, Object> written = new LinkedHashMap<>(values);
            written.put(EvaluationProvenance.KEY, EvaluationProvenance.of(model, floatCheckpoint, rounded,
                    roundedCheckpoint, set.data, set.split, data));
            JsonReports.write(json, written);
            console.printf("wrote %s%n", json);
        }
        if (view != null) {
            ViewVariant shown = CheckpointViews.variant(rounded, CheckpointViews.solver(roundedCheckpoint),
                    roundedCheckpoint, reference, values, List.of());
            console.printf("wrote %s%n", CheckpointViews.write(view, "barq viewer: " + rounded.getFileName()
                    + " against " + model.getFileName(), reference, List.of(0.0, 1.0), List.of(shown)));
        }
        if (plots != null) {
            for (Path p : SlicePlots.write(plots, "", evaluation)) {
                console.printf("wrote %s%n", p);
            }
        }
        console.flush();
        return 0;
    }

    /** With --encoded only accuracies are measured, on the split the codes file names; the rest would be dropped. */
    private void requireNotGivenWithEncoded() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (String option : List.of("--plots", "--split", "--band", "--slice-grid", "--slice-range")) {
            if (given.hasMatchedOption(option)) {
                throw new InvalidInputException(option + " has no effect with --encoded, which measures the"
                        + " accuracies on the split its codes file holds. Maybe drop " + option + ", or evaluate"
                        + " --rounded without --encoded?");
            }
        }
    }

    /** Runs the model(s) on the decoded codes of {@link #encoded}, checked against the data set they came from. */
    private int evaluateEncoded(PrintWriter console, LoadedCheckpoint floatCheckpoint) {
        InputQuantizer q = EncodeCommand.requireQuantizer(floatCheckpoint, model);
        LoadedCheckpoint roundedCheckpoint = null;
        if (rounded != null) {
            roundedCheckpoint = Checkpoints.read(rounded);
            requireRoundedFrom(floatCheckpoint, model, roundedCheckpoint, rounded);
        }
        CodesFile file = CodesFile.read(encoded);
        CodesFile.Header h = file.header();
        boolean fromModel = h.modelSha256().equals(floatCheckpoint.sha256())
                || roundedCheckpoint != null && h.modelSha256().equals(roundedCheckpoint.sha256());
        if (!fromModel || !java.util.Arrays.equals(h.bits(), q.code().bitsPerFeature())) {
            throw new InvalidInputException(encoded + " holds codes of the model with SHA-256 " + h.modelSha256()
                    + " (" + h.features() + " features), not of " + model + " (SHA-256 " + floatCheckpoint.sha256()
                    + ", " + q.features() + " features). Maybe encode with --model " + model + "?");
        }
        Dataset labelled = EvaluationSetOptions.set(set.data, h.split(), floatCheckpoint.metadata());
        if (!labelled.checksum().equals(h.datasetSha256()) || labelled.size() != h.samples()) {
            String used = set.data.datasetFor(floatCheckpoint.metadata());
            throw new InvalidInputException(encoded + " holds " + h.samples() + " samples of " + h.dataset() + " "
                    + h.split() + " (SHA-256 " + h.datasetSha256() + ") but " + used + "'s has " + labelled.size()
                    + " samples (SHA-256 " + labelled.checksum() + "). Maybe " + (used.equals(h.dataset())
                    ? "the same --data-dir and --split-seed as barq encode?" : "--dataset " + h.dataset() + ", the"
                    + " data set barq encode read?"));
        }
        int w = q.code().width();
        float[] values = new float[h.samples() * w];
        for (int i = 0; i < h.samples(); i++) {
            double[] row = q.code().decode(file.codes()[i]);
            for (int c = 0; c < w; c++) {
                values[i * w + c] = (float) row[c];
            }
        }
        Dataset decoded = new Dataset(labelled.name() + " (decoded from " + encoded.getFileName() + ")", values,
                labelled.labelArray(), w, org.barq.api.data.SampleShape.flat(w), labelled.classes(),
                labelled.checksum(), java.util.Optional.of(org.barq.api.model.InputScaling.uniform(1.0)));
        boolean same = java.util.Arrays.equals(values, floatCheckpoint.networkInputs(labelled).features());
        console.printf("codes: %s%n", encoded);
        EncodeCommand.report(console, h);
        console.printf("decoded codes equal the %s split's own codes: %s%n", h.split(), same ? "yes" : "NO");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("encoded", encoded.getFileName().toString());
        report.put("split", h.split());
        report.put("samples", h.samples());
        report.put("decoded_equal_own_codes", same);
        report.put("accuracy_float", Trainer.accuracy(floatCheckpoint.network(), decoded));
        if (roundedCheckpoint != null) {
            Optional<LogitCorrection> correction = roundedCheckpoint.correction();
            report.put("accuracy_rounded", Trainer.accuracy(roundedCheckpoint.network(), correction, decoded));
            if (correction.isPresent()) {
                // the deployed model is the corrected one, as in evaluate without --encoded
                console.printf("%s stores the %s; accuracy_rounded is of the corrected logits, beside the rounded"
                        + " network alone's%n", rounded, correction.get());
                report.put("accuracy_rounded_uncorrected", Trainer.accuracy(roundedCheckpoint.network(), decoded));
                report.put("correction", about(correction.get()));
            }
        }
        for (String key : List.of("accuracy_float", "accuracy_rounded", "accuracy_rounded_uncorrected")) {
            if (report.containsKey(key)) {
                console.printf(Locale.ROOT, "  %-30s %s%n", key, shown(report.get(key)));
            }
        }
        if (json != null) {
            report.put(EvaluationProvenance.KEY, EvaluationProvenance.of(model, floatCheckpoint, rounded,
                    roundedCheckpoint, set.data, h.split(), labelled));
            JsonReports.write(json, report);
            console.printf("wrote %s%n", json);
        }
        console.flush();
        return 0;
    }

    /** @return the correction's method, clusters and alpha, as the JSON report names them */
    private static Map<String, Object> about(LogitCorrection correction) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("method", correction.method());
        about.put("clusters", correction.clusters());
        about.put("alpha", correction.alpha());
        return about;
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

    /** @param plain the uncorrected network's metrics, printed after a {@code |}; null without a correction */
    private static void print(PrintWriter out, Dataset data, GeometryReport report, Map<String, Object> plain) {
        Map<String, Object> values = report.toJson();
        out.printf("evaluated on %s (%d samples, band %d)%n", data.name(), data.size(), report.band());
        if (plain != null) {
            out.printf("  %-30s %-24s | %s%n", "", "corrected", "uncorrected");
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (plain == null) {
                out.printf("  %-30s %s%n", e.getKey(), shown(e.getValue()));
            } else {
                out.printf("  %-30s %-24s | %s%n", e.getKey(), shown(e.getValue()), shown(plain.get(e.getKey())));
            }
        }
    }

    /**
     * A number to 6 significant digits without trailing zeros (0, 0.2 and 3, not 0.00000, 0.200000 and 3.00000); a
     * nested map as {@code key value, ...}, its own maps after a colon.
     */
    private static String shown(Object value) {
        if (value instanceof Double d) {
            return Numbers.significant(d, 6);
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
