package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.interop.compressed.CompressedTensorsExport;
import org.barq.interop.onnx.OnnxExport;
import org.barq.interop.onnx.OnnxExportOptions;
import picocli.CommandLine;

/** {@code barq export}: a checkpoint in a format that runtimes and other tools load. */
@CommandLine.Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Write a checkpoint in a format that runtimes and other tools load: ONNX that keeps the"
                + " integer codes, float ONNX, or a compressed-tensors folder. The ONNX model takes the raw features,"
                + " as barq's data sets hold them, and returns the logits.")
final class ExportCommand implements Callable<Integer> {
    /** What {@code --format} takes. */
    enum Format {
        ONNX("onnx"), ONNX_FLOAT("onnx-float"), COMPRESSED_TENSORS("compressed-tensors");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        static Format parse(String id) {
            return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElseThrow(() ->
                    new InvalidInputException("unknown export format '" + id + "'. Maybe one of: onnx, onnx-float,"
                            + " compressed-tensors?"));
        }
    }

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The checkpoint to export (.safetensors).")
    private Path model;

    @CommandLine.Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT",
            description = {"onnx: integer codes (INT4 for 2 to 4 bits, else INT8) dequantized in the graph"
                    + " (DequantizeLinear per output channel or group, zero point 0) before Gemm/Conv; a rounded"
                    + " checkpoint.",
                "onnx-float: the same graph with float weights; any checkpoint.",
                "compressed-tensors: a folder with model.safetensors and config.json in the library's"
                    + " pack-quantized format; a rounded MLP."})
    private String format;

    @CommandLine.Option(names = "--onnx-opset", paramLabel = "N",
            description = "13 (INT8 codes; runs almost everywhere) or 21 (INT4 codes for 2 to 4 bits, group-wise"
                    + " scales). Default: 21 for 2 to 4 bits or group-wise scales, else 13.")
    private Integer opset;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The .onnx file, or the folder for compressed-tensors; replaced atomically.")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        OutputFile.paths().output("--out", out).input("--model", model).require();
        Format chosen = Format.parse(format);
        if (opset != null && chosen == Format.COMPRESSED_TENSORS) {
            throw new InvalidInputException("--onnx-opset " + opset + " applies to the onnx formats, not to"
                    + " compressed-tensors. Maybe drop it?");
        }
        OptionalInt onnxOpset = opset == null ? OptionalInt.empty() : OptionalInt.of(opset);
        LoadedCheckpoint checkpoint = Checkpoints.read(model);
        if (checkpoint.input().isPresent()) {
            // The exported graph would take the decoded codes under the raw features' name, a silent mismatch.
            throw new InvalidInputException(model + " has an input quantizer in front of its network ("
                    + checkpoint.metadata().get("barq.input_quantizer") + "), which no export format holds yet."
                    + " Maybe export a model trained without --input-bits?");
        }
        String what = checkpoint.rounded().map(r -> r.bits() + "-bit ").orElse("float ")
                + checkpoint.network().spec();
        switch (chosen) {
            case ONNX -> {
                long bytes = OnnxExport.write(out, checkpoint, new OnnxExportOptions(true, onnxOpset));
                long floatBytes = OnnxExport.model(checkpoint, new OnnxExportOptions(false, OptionalInt.empty()))
                        .getSerializedSize();
                console.printf(Locale.ROOT, "wrote %s: %s as ONNX with integer codes, %d bytes (%.3f of the float"
                        + " ONNX model's %d)%n", out, what, bytes, (double) bytes / floatBytes, floatBytes);
            }
            case ONNX_FLOAT -> {
                long bytes = OnnxExport.write(out, checkpoint, new OnnxExportOptions(false, onnxOpset));
                console.printf(Locale.ROOT, "wrote %s: %s as ONNX with float weights, %d bytes%n", out, what, bytes);
            }
            case COMPRESSED_TENSORS -> {
                long bytes = CompressedTensorsExport.write(out, checkpoint);
                console.printf(Locale.ROOT, "wrote %s: %s as compressed-tensors pack-quantized (%s %d bytes, %s)%n",
                        out, what, CompressedTensorsExport.WEIGHTS, bytes, CompressedTensorsExport.CONFIG);
            }
            default -> throw new IllegalStateException(chosen.toString());
        }
        console.flush();
        return 0;
    }
}
