package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.data.Dataset;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.api.features.ThresholdCode;
import org.barq.experiments.training.EpochListener;
import org.barq.experiments.training.InputTrainingOptions;
import org.barq.experiments.training.QuantizedInputModel;
import org.barq.features.FeatureQuantizerRegistry;
import org.barq.features.QuantileThresholds;
import org.barq.features.StorableQuantizers;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.InvalidInputException;
import org.barq.api.model.Architecture;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetSpec;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.experiments.training.Trainer;
import org.barq.experiments.training.TrainingOptions;
import picocli.CommandLine;

/** {@code barq train}: fits a float network on a data set's training split and writes its checkpoint. */
@CommandLine.Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train a float network, a ReLU MLP (--hidden) or any architecture (--arch), with mini-batch Adam"
                + " on softmax cross-entropy, and write a safetensors checkpoint.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Option(names = "--dataset", paramLabel = "SPEC", defaultValue = "digits",
            description = "One of: " + DatasetSpec.CHOICES + " (digits is embedded).")
    private String dataset;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding mnist/, fashion-mnist/ and cifar-10-batches-bin/, for those three data sets"
                    + " only. Default: $BARQ_DATA, else ./data.")
    private Path dataDir;

    @CommandLine.Option(names = "--input-shape", paramLabel = "C,H,W", description = DataOptions.INPUT_SHAPE_HELP)
    private String inputShape;

    @CommandLine.Option(names = "--hidden", paramLabel = "W[,W...]", split = ",",
            description = "Hidden layer widths of a ReLU MLP, e.g. 256,256. Default: 64.")
    private List<Integer> hidden;

    @CommandLine.Option(names = "--arch", paramLabel = "SPEC",
            description = "The layers, joined by '-': dense(N), conv(N,kK[,sS][,pP]), relu, maxpool(K[,sS]),"
                    + " avgpool(K[,sS]), flatten; e.g. conv(16,k5,p2)-relu-maxpool(2)-flatten-dense(10). The last"
                    + " layer gives one output per class. Instead of --hidden.")
    private String arch;

    @CommandLine.Option(names = "--epochs", defaultValue = "40", description = "Passes over the training split.")
    private int epochs;

    @CommandLine.Option(names = "--batch-size", defaultValue = "32", description = "Samples per Adam step.")
    private int batchSize;

    @CommandLine.Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate.")
    private double learningRate;

    @CommandLine.Option(names = "--seed", defaultValue = "0", description = "Seeds the initial weights and batch order.")
    private long seed;

    @CommandLine.Option(names = "--split-seed", defaultValue = "0", description = "Seeds the train/calibration/test split.")
    private long splitSeed;

    @CommandLine.Option(names = "--calibration-max", defaultValue = "" + SplitSpec.DEFAULT_CALIBRATION_MAX,
            paramLabel = "N",
            description = "Caps the calibration split (20 %% of what the test split leaves); the band is beta of it.")
    private int calibrationMax;

    @CommandLine.Option(names = "--input-bits", paramLabel = "B[,B...]", split = ",",
            description = "Train behind an input quantizer of B bits per feature (1..8): the model then takes the"
                    + " quantizer's codes, what a device sends (32/B times fewer bits than F32 features). One B per"
                    + " feature (F values) gives each feature its own width (bitwise, bitwise-fixed, quantile).")
    private List<Integer> inputBits;

    @CommandLine.Option(names = "--input-quantizer", paramLabel = "NAME", defaultValue = InputTrainingOptions.BITWISE,
            description = "With --input-bits: bitwise (thresholds trained with the network through a soft"
                    + " thermometer), bitwise-fixed (thermometer at the training quantiles), quantile or uniform"
                    + " (levels; the network is trained on the fixed hard codes).")
    private String inputQuantizer;

    @CommandLine.Option(names = "--input-decay", paramLabel = "D",
            defaultValue = "" + InputTrainingOptions.DEFAULT_DECAY,
            description = "With --input-bits and bitwise: the soft thermometer's temperature starts at 1 and is"
                    + " multiplied by D^(1/epochs) after each epoch (floored at 1e-4).")
    private double inputDecay;

    @CommandLine.Option(names = "--input-straight-through",
            description = "With --input-bits and bitwise: feed the network the hard code it gets at inference while"
                    + " the thresholds still learn through the soft thermometer's slope (a straight-through"
                    + " estimator); docs/input-bits.md compares it with the soft forward pass.")
    private boolean inputStraightThrough;

    @CommandLine.Option(names = "--out", converter = OutputFile.class, required = true, paramLabel = "FILE",
            description = "The float checkpoint to write (.safetensors).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final FeatureQuantizerRegistry quantizers;

    @Inject
    TrainCommand(FeatureQuantizerRegistry quantizers) {
        this.quantizers = quantizers;
    }

    @Override
    public Integer call() {
        OutputFile.paths().output("--out", out).data("--dataset", dataset).require();
        PrintWriter console = spec.commandLine().getOut();
        if (arch != null && hidden != null) {
            throw new InvalidInputException("--arch and --hidden both give the layers. Maybe --arch "
                    + Architecture.mlp(hidden, 10).replace("dense(10)", "dense(K)") + " alone?");
        }
        if (inputStraightThrough && inputBits == null) {
            throw new InvalidInputException("--input-straight-through trains input thresholds, but no --input-bits"
                    + " asks for them. Maybe --input-bits 2?");
        }
        // the input quantizer's options would be dropped without a word: given, they must count or be refused
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--input-quantizer", "--input-decay")) {
            if (parsed.hasMatchedOption(option) && inputBits == null) {
                String value = String.join(",", parsed.matchedOption(option).originalStringValues());
                throw new InvalidInputException(option + " " + value + " sets the input quantizer, but no --input-bits"
                        + " asks for one. Maybe --input-bits 2, or no " + option + "?");
            }
        }
        if (parsed.hasMatchedOption("--input-decay") && !inputQuantizer.equals(InputTrainingOptions.BITWISE)) {
            throw new InvalidInputException("--input-decay " + inputDecay + " cools the bitwise quantizer's soft"
                    + " thermometer, and --input-quantizer " + inputQuantizer + " has none. Maybe --input-quantizer "
                    + InputTrainingOptions.BITWISE + ", or no --input-decay?");
        }
        DatasetSpec.parse(dataset).requireDataFolderRead("--data-dir", dataDir);
        TrainingOptions options = new TrainingOptions(hidden == null ? List.of(64) : hidden, arch, epochs, batchSize,
                learningRate, seed);
        SplitSpec split = SplitSpec.withCalibrationMax(calibrationMax);
        Splits splits = DataOptions.resolver(dataDir, inputShape).resolve(dataset, split, splitSeed);
        console.printf("data: %s; train %d, calibration %d, test %d%n", splits.train().describe(),
                splits.train().size(), splits.calibration().size(), splits.test().size());
        if (parsed.hasMatchedOption("--calibration-max")) {
            split.shortOfCap(splits.calibration().size(), "--calibration-max").ifPresent(console::println);
        }
        console.flush();
        long start = System.nanoTime();
        EpochListener progress = (epoch, total, loss, accuracy) -> {
            console.printf("epoch %3d/%d  loss %.4f  train accuracy %.4f  %5.1fs%n", epoch, total, loss, accuracy,
                    (System.nanoTime() - start) / 1e9);
            console.flush();
        };
        if (inputBits != null) {
            return trainBehindQuantizer(console, splits, options, progress);
        }
        Network model = new Trainer().train(splits.train(), options, progress);
        double testAccuracy = Trainer.accuracy(model, splits.test());
        Checkpoints.writeFloat(out, model, metadata(splits, options, testAccuracy));
        console.printf("test accuracy %.4f (%d samples); wrote %s%n", testAccuracy, splits.test().size(), out);
        console.flush();
        return 0;
    }

    private int trainBehindQuantizer(PrintWriter console, Splits splits, TrainingOptions options,
                                     EpochListener progress) {
        int widest = inputBits.stream().mapToInt(Integer::intValue).max().orElseThrow();
        inputBits.forEach(FeatureQuantizerOptions::levels);
        InputTrainingOptions input = new InputTrainingOptions(inputQuantizer, widest, inputDecay,
                inputStraightThrough);
        Dataset train = splits.train();
        double[] scaled = train.scaledInputs(train.trainingScaling());
        ThresholdCode start = inputBits.size() == 1
                ? StorableQuantizers.of(quantizers.get(input.quantizer()).fit(scaled, train.size(),
                        train.dimension(), FeatureQuantizerOptions.levels(widest)))
                : QuantileThresholds.perFeature(input.quantizer(), scaled, train.size(), train.dimension(),
                        inputBits.stream().mapToInt(Integer::intValue).toArray());
        console.printf("input: %s, %s bits per feature (%d features, %d values into the network), compression"
                + " %.1fx against F32%n", start.name(), inputBits.size() == 1 ? "" + widest : "up to " + widest,
                start.features(), start.width(), start.compressionFactor());
        QuantizedInputModel model = new Trainer().train(train, options, start, input, progress);
        double testAccuracy = Trainer.accuracy(model.network(), model.input(), splits.test());
        SortedMap<String, String> metadata = metadata(splits, options, testAccuracy);
        metadata.put(ModelMetadata.INPUT_TRAINING, input.metadataJson());
        Checkpoints.writeFloat(out, model.network(), model.input(), metadata);
        console.printf("test accuracy %.4f on the %s codes (%d samples); wrote %s%n", testAccuracy, start.name(),
                splits.test().size(), out);
        console.flush();
        return 0;
    }

    private SortedMap<String, String> metadata(Splits splits, TrainingOptions options, double testAccuracy) {
        SortedMap<String, String> m = new TreeMap<>();
        m.put(ModelMetadata.DATASET, dataset);
        m.put(ModelMetadata.DATASET_SHA256, splits.train().checksum());
        m.put(ModelMetadata.SPLIT_SEED, Long.toString(splitSeed));
        m.put(ModelMetadata.CALIBRATION_MAX, Integer.toString(calibrationMax));
        m.put(ModelMetadata.TRAIN_SEED, Long.toString(options.seed()));
        m.put(ModelMetadata.TRAINING, options.metadataJson());
        m.put(ModelMetadata.TEST_ACCURACY, String.format(java.util.Locale.ROOT, "%.6f", testAccuracy));
        BuildInfo info = BuildInfo.current();
        m.put(ModelMetadata.VERSION, info.version() + " (" + info.commit() + ")");
        return m;
    }
}
