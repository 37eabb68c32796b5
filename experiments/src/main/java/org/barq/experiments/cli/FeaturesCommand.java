package org.barq.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Splits;
import org.barq.api.model.Network;
import org.barq.evaluation.JsonReports;
import org.barq.experiments.features.FeatureAnalysis;
import org.barq.experiments.features.FeatureAnalysisOptions;
import org.barq.experiments.features.FeatureRepresentation;
import org.barq.experiments.features.FeatureRow;
import org.barq.experiments.features.FeatureRunJson;
import org.barq.report.FeatureCharts;
import org.barq.features.FeatureQuantizerRegistry;
import org.barq.features.LayerActivations;
import picocli.CommandLine;

/** {@code barq features}: binary, ternary and uniform quantization of a representation, judged by discrimination. */
@CommandLine.Command(name = "features", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Quantize a representation (the scaled inputs, or with --model a hidden layer's activations)"
                + " with every feature quantizer: binary and ternary at each --c, uniform at each --bits, and float."
                + " For each: the quantization error, the Fisher ratio tr(Sb)/tr(Sw) and the ratio of mean squared"
                + " between-class to within-class distance of what the classifiers see, and the test accuracy of 1-NN,"
                + " 5-NN, logistic regression and the barq MLP trained on the quantized training features.",
                "Error: " + FeatureAnalysis.ERROR_DEFINITION + ".",
                "Quantizers are fitted and classifiers trained on a seeded subset of at most --train-max training"
                        + " samples; everything is measured on a seeded subset of at most --test-max test samples."})
final class FeaturesCommand implements Callable<Integer> {
    private final FeatureQuantizerRegistry quantizers;

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Mixin
    private DataOptions data;

    @CommandLine.Option(names = "--model", paramLabel = "FILE",
            description = "A float checkpoint: quantize its hidden layer --layer instead of the inputs.")
    private Path model;

    @CommandLine.Option(names = "--layer", paramLabel = "L",
            description = "The model's hidden layer, 1-based (an MLP's layer after its ReLU). Default: the last.")
    private Integer layer;

    @CommandLine.Option(names = "--c", paramLabel = "C[,C...]", split = ",", defaultValue = "0,0.25,0.5,1,1.5,2",
            description = "Threshold multipliers of binary and ternary: tau = c * the feature's mean absolute centred"
                    + " value.")
    private List<Double> cs;

    @CommandLine.Option(names = "--bits", paramLabel = "B[,B...]", split = ",", defaultValue = "1,2,3,4",
            description = "Bit widths of the uniform (min-max, per feature) reference.")
    private List<Integer> bits;

    @CommandLine.Option(names = "--seed", defaultValue = "0",
            description = "Seeds the subsets and the logistic regression and MLP.")
    private long seed;

    @CommandLine.Option(names = "--train-max", paramLabel = "N", defaultValue = "10000",
            description = "Training samples used at most (a seeded subset; MNIST's train split has 58720).")
    private int trainMax;

    @CommandLine.Option(names = "--test-max", paramLabel = "N", defaultValue = "5000",
            description = "Test samples scored at most (a seeded subset).")
    private int testMax;

    @CommandLine.Option(names = "--epochs", defaultValue = "20",
            description = "Adam epochs of the logistic regression and the MLP.")
    private int epochs;

    @CommandLine.Option(names = "--mlp-hidden", paramLabel = "W[,W...]", split = ",", defaultValue = "64",
            description = "Hidden widths of the MLP classifier.")
    private List<Integer> mlpHidden;

    @CommandLine.Option(names = "--batch-size", defaultValue = "64", description = "Adam batch size.")
    private int batchSize;

    @CommandLine.Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate.")
    private double lr;

    @CommandLine.Option(names = "--json", converter = OutputFile.class,
            paramLabel = "FILE", description = "Write the table and its settings as JSON.")
    private Path json;

    @CommandLine.Option(names = "--plots", converter = OutputFolder.class, paramLabel = "DIR",
            description = "Write the plots as SVG: accuracy against error per classifier, discrimination against c.")
    private Path plots;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    FeaturesCommand(FeatureQuantizerRegistry quantizers) {
        this.quantizers = quantizers;
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--json", json).output("--plots", plots).input("--model", model)
                .data("--dataset", data.dataset).require();
        if (layer != null && model == null) {
            throw new InvalidInputException("--layer " + layer + " picks a hidden layer of --model, and no --model is"
                    + " given: the inputs are quantized. Maybe add --model FILE, or no --layer?");
        }
        FeatureAnalysisOptions options = new FeatureAnalysisOptions(cs, bits, seed, trainMax, testMax, epochs,
                mlpHidden, batchSize, lr);
        LoadedCheckpoint checkpoint = model == null ? null : FloatCheckpoints.read(model, "--model");
        SortedMap<String, String> metadata = checkpoint == null ? new TreeMap<>() : checkpoint.metadata();
        Splits splits = data.splitsFor(metadata);
        Network network = checkpoint == null ? null : checkpoint.network();
        int hidden = 0;
        if (network != null) {
            if (checkpoint.input().isPresent()) {
                throw new InvalidInputException("--model " + model + " was trained behind an input quantizer"
                        + " (train --input-bits), whose codes features does not compute. Maybe a model trained"
                        + " without --input-bits, or no --model for the inputs?");
            }
            DataOptions.requireCompatible(network, splits.train());
            if (layer != null && layer < 1) {
                throw new InvalidInputException("--layer " + layer + " is not a hidden layer: they count from 1 (1.."
                        + LayerActivations.hiddenLayers(network) + " here). Maybe leave --model out for the inputs?");
            }
            hidden = layer != null ? layer : LayerActivations.hiddenLayers(network);
        }
        FeatureRepresentation representation = FeatureRepresentation.of(splits, network, hidden, options);
        console.printf("%s of %s: %d features; train %d of %d, test %d of %d%n", representation.name(),
                data.datasetFor(metadata), representation.train().d(), representation.train().n(),
                representation.trainTotal(), representation.test().n(), representation.testTotal());
        console.flush();
        List<FeatureRow> rows = FeatureAnalysis.run(representation.train(), representation.test(), quantizers.sweep(),
                options, row -> {
                    console.println("  " + row.describe());
                    console.flush();
                });
        Map<String, Object> report = FeatureRunJson.of(data.datasetFor(metadata), data.splitSeedFor(metadata),
                model == null ? null : model.toString(), representation, quantizers.sweep(), options, rows);
        if (json != null) {
            JsonReports.write(json, report);
            console.printf("wrote %s%n", json);
        }
        if (plots != null) {
            for (Path p : FeatureCharts.write(plots, new ObjectMapper().valueToTree(report))) {
                console.printf("wrote %s%n", p);
            }
        }
        console.flush();
        return 0;
    }
}
