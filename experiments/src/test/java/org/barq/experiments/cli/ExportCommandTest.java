package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetResolver;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code barq export} on models trained and rounded by barq: ONNX Runtime's logits of every exported model equal
 * barq's forward pass of the rounded model on the whole digits test split; an independent numpy reader of the
 * compressed-tensors folder recovers barq's codes and scales exactly; bad requests fail in one line, leaving nothing.
 */
class ExportCommandTest {
    static final String CNN = "conv(4,k3,p1)-relu-maxpool(2)-conv(8,k3)-relu-flatten-dense(10)";
    /** A CNN whose layer widths (4 and 196) share the group size 4, for group-wise scales. */
    static final String GROUPED_CNN = "conv(4,k2)-relu-flatten-dense(10)";

    @TempDir
    static Path dir;
    static Dataset test;

    static Path model(String name) {
        return dir.resolve(name + ".safetensors");
    }

    @BeforeAll
    static void trainAndRound() {
        assertEquals(0, Cli.run("train", "--hidden", "32", "--epochs", "10", "--seed", "1", "--out",
                model("mlp").toString()).exitCode());
        assertEquals(0, Cli.run("train", "--arch", CNN, "--epochs", "4", "--seed", "1", "--out",
                model("cnn").toString()).exitCode());
        for (String net : List.of("mlp", "cnn")) {
            for (int bits : new int[] {3, 4, 8}) {
                Cli q = Cli.run("quantize", "--model", model(net).toString(), "--bits", Integer.toString(bits),
                        "--solver", "greedy", "--out", model(net + "-q" + bits).toString());
                assertEquals(0, q.exitCode(), q.err());
            }
        }
        assertEquals(0, Cli.run("train", "--arch", GROUPED_CNN, "--epochs", "3", "--seed", "1", "--out",
                model("cnn2").toString()).exitCode());
        quantize("mlp", 4, 16, "mlp-q4-g16");
        // The deployed models of a correction: CAT in a PCA of the logits, and the single affine map on a CNN.
        assertEquals(0, Cli.run("quantize", "--model", model("mlp").toString(), "--bits", "3", "--solver", "greedy",
                "--correction", "cat", "--correction-option", "pca=4", "--correction-option", "clusters=12",
                "--out", model("mlp-q3-cat").toString()).exitCode());
        assertEquals(0, Cli.run("quantize", "--model", model("cnn").toString(), "--bits", "4", "--solver", "greedy",
                "--correction", "affine", "--out", model("cnn-q4-affine").toString()).exitCode());
        quantize("cnn2", 4, 4, "cnn2-q4-g4");
        quantize("cnn2", 8, 4, "cnn2-q8-g4");
        test = new DatasetResolver(dir).resolve("digits", SplitSpec.DEFAULT, 0).test();
    }

    private static void quantize(String source, int bits, int groupSize, String name) {
        Cli q = Cli.run("quantize", "--model", model(source).toString(), "--bits", Integer.toString(bits),
                "--group-size", Integer.toString(groupSize), "--solver", "greedy", "--out", model(name).toString());
        assertEquals(0, q.exitCode(), q.err());
    }

    static float[] runtimeLogits(Path onnx, float[] raw, int n, int d) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(raw), new long[] {n, d});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            FloatBuffer out = ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer();
            float[] logits = new float[out.remaining()];
            out.get(logits);
            return logits;
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"mlp-q4, onnx", "mlp-q3, onnx", "mlp-q8, onnx", "cnn-q4, onnx", "cnn-q8, onnx", "cnn-q3, onnx",
        "mlp-q4, onnx-float", "cnn, onnx-float", "mlp-q4-g16, onnx", "cnn2-q4-g4, onnx", "cnn2-q8-g4, onnx",
        "mlp-q3-cat, onnx", "cnn-q4-affine, onnx"})
    void runtimeLogitsEqualBarqsOnTheWholeTestSplit(String name, String format) throws OrtException {
        Path onnx = dir.resolve(name + "-" + format + ".onnx");
        Cli e = Cli.run("export", "--model", model(name).toString(), "--format", format, "--out", onnx.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("wrote " + onnx), e.out());
        LoadedCheckpoint checkpoint = Checkpoints.read(model(name));
        Network network = checkpoint.network();
        int n = test.size();
        int d = test.dimension();
        double[] scaled = test.scaledInputs(network.scaling());
        double[] logits = Matrices.values(NetworkPass.run(network, Matrices.of(scaled, n, d)).logits());
        double[] expected = checkpoint.correction().map(c -> c.apply(logits)).orElse(logits);
        assertEquals(name.endsWith("cat") || name.endsWith("affine"), checkpoint.correction().isPresent());
        float[] actual = runtimeLogits(onnx, test.features(), n, d);
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
        }
        assertTrue(worst <= 1e-5, name + " " + format + ": largest logit difference " + worst + " on " + n
                + " test samples");
    }

    @Test
    void fourBitCodesMakeTheFileSmallAndEightBitOnesStayInt8() throws IOException {
        Path q4 = dir.resolve("size-q4.onnx");
        Cli e = Cli.run("export", "--model", model("mlp-q4").toString(), "--out", q4.toString());
        assertEquals(0, e.exitCode(), e.err());
        Path f = dir.resolve("size-float.onnx");
        assertEquals(0, Cli.run("export", "--model", model("mlp-q4").toString(), "--format", "onnx-float", "--out",
                f.toString()).exitCode());
        double ratio = (double) Files.size(q4) / Files.size(f);
        // The provenance and the per-row scales weigh more in a 64-32-10 network than in an MNIST-sized one, where
        // OnnxExportTest holds the file to a sixth.
        assertTrue(ratio < 0.35, "4-bit ONNX is " + ratio + " of the float one");
        assertTrue(e.out().contains(String.format(java.util.Locale.ROOT, "(%.3f of the float ONNX model's %d)",
                ratio, Files.size(f))), e.out());
        Path int8 = dir.resolve("size-q4-opset13.onnx");
        assertEquals(0, Cli.run("export", "--model", model("mlp-q4").toString(), "--onnx-opset", "13", "--out",
                int8.toString()).exitCode());
        assertTrue(Files.size(int8) > Files.size(q4), "INT8 codes take more room than INT4 ones");
    }

    static Path script() {
        try {
            return Path.of(ExportCommandTest.class.getResource("unpack_compressed_tensors.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"mlp-q3, 3, channel", "mlp-q4, 4, channel", "mlp-q8, 8, channel", "mlp-q4-g16, 4, group"})
    void anIndependentNumpyReaderRecoversBarqsCodesAndScales(String name, int bits, String strategy)
            throws IOException {
        assumeTrue(Python.hasNumpy(), "python3 with numpy is installed");
        Path folder = dir.resolve("ct-" + name);
        Cli e = Cli.run("export", "--model", model(name).toString(), "--format", "compressed-tensors",
                "--out", folder.toString());
        assertEquals(0, e.exitCode(), e.err());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("config.json", "model.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Python check = Python.run(script().toString(), folder.toString(), model(name).toString());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("all 2 layers equal"), check.output());
        String config = Files.readString(folder.resolve("config.json"));
        assertTrue(config.contains("\"num_bits\" : " + bits) && config.contains("\"strategy\" : \"" + strategy + "\""),
                config);
        assertTrue(config.contains(strategy.equals("group") ? "\"group_size\" : 16" : "\"group_size\" : null"), config);
        // digits' MLP takes a flat vector: its width, not a "64x1x1" image shape
        assertTrue(config.contains("\"input_features\" : 64") && !config.contains("input_shape"), config);
    }

    @Test
    void exportingAgainReplacesTheFolderAndGivesTheSameBytes() throws IOException {
        Path folder = dir.resolve("again");
        assertEquals(0, Cli.run("export", "--model", model("mlp-q4").toString(), "--format", "compressed-tensors",
                "--out", folder.toString()).exitCode());
        byte[] first = Files.readAllBytes(folder.resolve("model.safetensors"));
        assertEquals(0, Cli.run("export", "--model", model("mlp-q4").toString(), "--format", "compressed-tensors",
                "--out", folder.toString()).exitCode());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(folder.resolve("model.safetensors"))));
        Path a = dir.resolve("a.onnx");
        Path b = dir.resolve("b.onnx");
        Cli.run("export", "--model", model("cnn-q4").toString(), "--out", a.toString());
        Cli.run("export", "--model", model("cnn-q4").toString(), "--out", b.toString());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "same input, same bytes");
    }

    private static String refused(String... args) {
        Cli c = Cli.run(args);
        assertEquals(2, c.exitCode(), c.out() + c.err());
        String message = c.err().strip();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    @Test
    void badRequestsAreRefusedInOneLineAndLeaveNothingBehind() throws IOException {
        Path out = dir.resolve("refused");
        Files.createDirectories(out);
        String floatOnnx = refused("export", "--model", model("mlp").toString(), "--out",
                out.resolve("f.onnx").toString());
        assertTrue(floatOnnx.contains("float model") && floatOnnx.contains("Maybe run 'barq quantize' first"),
                floatOnnx);
        String floatCt = refused("export", "--model", model("mlp").toString(), "--format", "compressed-tensors",
                "--out", out.resolve("ct").toString());
        assertTrue(floatCt.contains("float model"), floatCt);
        String conv = refused("export", "--model", model("cnn-q4").toString(), "--format", "compressed-tensors",
                "--out", out.resolve("ct").toString());
        assertTrue(conv.contains("for an MLP") && conv.contains("Maybe --format onnx"), conv);
        String corrected = refused("export", "--model", model("mlp-q3-cat").toString(), "--format",
                "compressed-tensors", "--out", out.resolve("ct").toString());
        assertTrue(corrected.contains("corrected by its cat correction") && corrected.contains("Maybe --format onnx"),
                corrected);
        String format = refused("export", "--model", model("mlp-q4").toString(), "--format", "tflite", "--out",
                out.resolve("x").toString());
        assertTrue(format.contains("unknown export format 'tflite'"), format);
        String opset = refused("export", "--model", model("mlp-q4").toString(), "--onnx-opset", "17", "--out",
                out.resolve("x.onnx").toString());
        assertTrue(opset.contains("opset 17"), opset);
        Path busy = dir.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("notes.txt"), "mine");
        String inTheWay = refused("export", "--model", model("mlp-q4").toString(), "--format", "compressed-tensors",
                "--out", busy.toString());
        assertTrue(inTheWay.contains("holds [notes.txt]"), inTheWay);
        assertEquals("mine", Files.readString(busy.resolve("notes.txt")));
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("config.json"), "{\"architectures\": [\"LlamaForCausalLM\"]}");
        Files.writeString(foreign.resolve("model.safetensors"), "theirs");
        String notOurs = refused("export", "--model", model("mlp-q4").toString(), "--format", "compressed-tensors",
                "--out", foreign.toString());
        assertTrue(notOurs.contains("holds a config.json that barq did not write"), notOurs);
        assertEquals("theirs", Files.readString(foreign.resolve("model.safetensors")));
        Path q4 = model("mlp-q4");
        byte[] before = Files.readAllBytes(q4);
        String self = refused("export", "--model", q4.toString(), "--out", q4.toString());
        assertTrue(self.contains("is the --model file, which writing it would replace"), self);
        assertArrayEquals(before, Files.readAllBytes(q4));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "a refused export writes nothing, not even a temporary file");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    /** A float export reads back with import, but for a logit correction's graph, which is refused by name. */
    @Test
    void importReadsAFloatExportBackButNotACorrection() {
        Path plain = dir.resolve("back-plain.onnx");
        assertEquals(0, Cli.run("export", "--model", model("mlp-q4").toString(), "--format", "onnx-float", "--out",
                plain.toString()).exitCode());
        Cli back = Cli.run("import", plain.toString(), "--out", dir.resolve("back-plain.safetensors").toString());
        assertEquals(0, back.exitCode(), back.err());
        Path corrected = dir.resolve("back-cat.onnx");
        assertEquals(0, Cli.run("export", "--model", model("mlp-q3-cat").toString(), "--format", "onnx-float",
                "--out", corrected.toString()).exitCode());
        String refused = refused("import", corrected.toString(), "--out", dir.resolve("back-cat.safetensors")
                .toString());
        assertTrue(refused.contains("is part of the logit correction that barq export wrote"), refused);
    }

    /** The README's Java snippet, compiled and run as the README says, prints barq's logits for a test sample. */
    @Test
    void theReadmesJavaSnippetRunsTheExportedModel() throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf("```java", readme.indexOf("Run the ONNX file from Java"));
        String snippet = readme.substring(from + "```java".length(), readme.indexOf("```", from + 7));
        Path source = dir.resolve("snippet").resolve("RunOnnx.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, snippet);
        Path onnx = dir.resolve("snippet").resolve("digits-q4.onnx");
        assertEquals(0, Cli.run("export", "--model", model("mlp-q4").toString(), "--out", onnx.toString()).exitCode());
        int d = test.dimension();
        StringBuilder features = new StringBuilder();
        for (int j = 0; j < d; j++) {
            features.append(j == 0 ? "" : ",").append((int) test.feature(0, j));
        }
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(launcher, "-cp", System.getProperty("java.class.path"), source.toString(),
                onnx.toString(), features.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        Network network = Checkpoints.read(model("mlp-q4")).network();
        double[] scaled = test.scaledInputs(network.scaling());
        double[] expected = Matrices.values(NetworkPass.run(network,
                Matrices.of(java.util.Arrays.copyOf(scaled, d), 1, d)).logits());
        String[] printed = output.substring(output.indexOf("logits [") + 8, output.indexOf("]")).split(", ");
        assertEquals(expected.length, printed.length, output);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], Double.parseDouble(printed[c]), 1e-5 * Math.max(1, Math.abs(expected[c])), output);
        }
    }

    @Test
    void helpDescribesTheFormats() {
        Cli help = Cli.run("export", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("compressed-tensors") && help.out().contains("onnx-float")
                && help.out().contains("--onnx-opset"), help.out());
    }
}
