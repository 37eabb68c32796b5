package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.Sha256;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.experiments.training.Trainer;
import org.barq.interop.onnx.OnnxImport;
import picocli.CommandLine;

/** {@code barq import}: a network exported from PyTorch as ONNX, written as a barq float checkpoint. */
@CommandLine.Command(name = "import", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Read a network exported with torch.onnx.export and write it as a barq float checkpoint, which"
                + " quantize, evaluate and the studies then take like barq's own.")
final class ImportCommand implements Callable<Integer> {
    /** The provenance key naming the ONNX file and its SHA-256. */
    static final String IMPORTED_FROM = "barq.imported_from";

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Mixin
    private DataOptions data;

    @CommandLine.Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
    private Path onnx;

    @CommandLine.Option(names = "--input-scale", paramLabel = "S",
            description = "What raw features are multiplied by, when the graph does not scale its input itself"
                    + " (e.g. 0.00392156862745098 for pixels 0..255). Default: the graph's Mul/Div, else 1.")
    private Double inputScale;

    @CommandLine.Option(names = "--calibration-max", paramLabel = "N",
            description = "Caps the calibration split of --dataset (20 %% of what the test split leaves) that quantize,"
                    + " evaluate and the output pass of --preset boundary-aware then read, as train's option does;"
                    + " the pass wants many samples the model has not seen (e.g. 12000 for MNIST)."
                    + " Default: " + SplitSpec.DEFAULT_CALIBRATION_MAX + ".")
    private Integer calibrationMax;

    @CommandLine.Option(names = "--out", converter = OutputFile.class, required = true, paramLabel = "FILE",
            description = "The float checkpoint to write (.safetensors).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--out", out).input("MODEL.onnx", onnx).data("--dataset", data.dataset).require();
        int cap = calibrationCap();
        requireDataOptionsWithDataset();
        OnnxImport.Imported imported = OnnxImport.read(onnx);
        Network network = imported.network();
        requireShapeAgrees(network);
        InputScaling scaling = scaling(imported);
        console.printf(Locale.ROOT, "read %s (%s, opset %d): %s, input %s, input %s%n", onnx, imported.producer(),
                imported.opset(), network.spec(), network.input().isImage() ? network.input()
                        : network.input().size() + " features", describe(scaling));
        network = new Network(network.layers(), network.input(), scaling);
        SortedMap<String, String> metadata = new TreeMap<>();
        metadata.put(IMPORTED_FROM, onnx.getFileName() + " sha256 " + Sha256.hex(Files.readAllBytes(onnx)));
        BuildInfo info = BuildInfo.current();
        metadata.put(ModelMetadata.VERSION, info.version() + " (" + info.commit() + ")");
        if (data.dataset != null) {
            SplitSpec split = SplitSpec.withCalibrationMax(cap);
            Splits splits = data.resolver(data.dataset).resolve(data.dataset, split, data.splitSeedFor(metadata));
            Dataset test = splits.test();
            DataOptions.requireCompatible(network.input().size(), network.classes(), test, "--dataset");
            double accuracy = Trainer.accuracy(network, test);
            metadata.put(ModelMetadata.DATASET, data.dataset);
            metadata.put(ModelMetadata.DATASET_SHA256, test.checksum());
            metadata.put(ModelMetadata.SPLIT_SEED, Long.toString(data.splitSeedFor(metadata)));
            metadata.put(ModelMetadata.CALIBRATION_MAX, Integer.toString(cap));
            metadata.put(ModelMetadata.TEST_ACCURACY, String.format(Locale.ROOT, "%.6f", accuracy));
            console.printf(Locale.ROOT, "test accuracy on %s: %.4f (%d samples); calibration split %d samples%n",
                    test.name(), accuracy, test.size(), splits.calibration().size());
            if (calibrationMax != null) {
                split.shortOfCap(splits.calibration().size(), "--calibration-max").ifPresent(console::println);
            }
            if (accuracy < 2.0 / network.classes()) {
                // the usual cause is an input scale the graph does not carry, e.g. a model trained on pixels / 255
                console.printf(Locale.ROOT, "note: test accuracy %.4f is near chance (1/%d). Maybe the model expects"
                        + " another input scale (--input-scale; now %s) or was trained on another data set?%n",
                        accuracy, network.classes(), describe(scaling));
            }
        }
        Checkpoints.writeFloat(out, network, metadata);
        console.printf("wrote %s%n", out);
        console.flush();
        return 0;
    }

    /** The graph fixes the input's shape; a {@code --input-shape} that says otherwise would be dropped. */
    private void requireShapeAgrees(Network network) {
        if (data.inputShape != null && !SampleShape.parse(data.inputShape).equals(network.input())) {
            throw new InvalidInputException("--input-shape " + data.inputShape + " differs from the input of " + onnx
                    + ", " + network.input() + "; import takes the shape from the graph. Maybe leave --input-shape"
                    + " out?");
        }
    }

    /**
     * Without {@code --dataset} import reads no data and records no split, so a split seed or a data folder would be
     * dropped (a seed never reached the checkpoint); refused as {@code --calibration-max} is.
     */
    private void requireDataOptionsWithDataset() {
        if (data.dataset != null) {
            return;
        }
        if (data.splitSeed != null) {
            throw new InvalidInputException("--split-seed " + data.splitSeed + " picks the split of --dataset, and no"
                    + " --dataset is given, so it would not be recorded. Maybe add --dataset mnist?");
        }
        if (data.dataDir != null) {
            throw new InvalidInputException("--data-dir " + data.dataDir + " is where --dataset is read from, and no"
                    + " --dataset is given. Maybe add --dataset mnist, or drop --data-dir?");
        }
    }

    /** @return the calibration cap to record, refused when it is not positive or there is no data set to cap */
    private int calibrationCap() {
        if (calibrationMax == null) {
            return SplitSpec.DEFAULT_CALIBRATION_MAX;
        }
        if (data.dataset == null) {
            throw new InvalidInputException("--calibration-max " + calibrationMax + " caps the calibration split of"
                    + " --dataset, and no --dataset is given. Maybe add --dataset mnist?");
        }
        if (calibrationMax < 1) {
            throw new InvalidInputException("--calibration-max " + calibrationMax + " must be at least 1. Maybe"
                    + " 12000?");
        }
        return calibrationMax;
    }

    private InputScaling scaling(OnnxImport.Imported imported) {
        if (inputScale != null && !(inputScale > 0 && Double.isFinite(inputScale))) {
            throw new InvalidInputException("--input-scale " + inputScale + " must be a positive number. Maybe"
                    + " 0.00392156862745098 (1/255)?");
        }
        if (imported.inputScaling().isPresent()) {
            InputScaling inGraph = imported.inputScaling().get();
            if (inputScale != null && !inGraph.equals(InputScaling.uniform(inputScale))) {
                throw new InvalidInputException("--input-scale " + inputScale + " differs from what " + onnx
                        + " does to its input itself (" + describe(inGraph) + "). Maybe leave --input-scale out?");
            }
            return inGraph;
        }
        return InputScaling.uniform(inputScale == null ? 1.0 : inputScale);
    }

    private static String describe(InputScaling s) {
        if (s.isUniform()) {
            return "scale " + s.scale()[0];
        }
        return "scaling (x - offset) * scale with " + describe(s.offset()) + " offsets and "
                + describe(s.scale()) + " scales";
    }

    private static String describe(double[] values) {
        if (values.length == 1) {
            return "one (" + values[0] + ")";
        }
        return values.length + String.format(Locale.ROOT, " (%.4g to %.4g)", Arrays.stream(values).min()
                .orElseThrow(), Arrays.stream(values).max().orElseThrow());
    }
}
