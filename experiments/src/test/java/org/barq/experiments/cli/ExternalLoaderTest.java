package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * barq's files read by another implementation: {@code tools/load_checkpoint.py} (numpy, or PyTorch's
 * {@code nn.Linear} where installed) must accept the float and the rounded checkpoint, confirm
 * {@code weight == scale * codes}, and get the accuracy that {@code barq evaluate} gets on the same CSV.
 */
class ExternalLoaderTest {
    private static final Path TOOL = Path.of("..", "tools", "load_checkpoint.py").toAbsolutePath().normalize();
    private static final Pattern ACCURACY = Pattern.compile("accuracy on .*: ([0-9.]+) \\((\\d+) samples\\)");

    @TempDir
    static Path dir;
    static Path floatModel;
    static Path rounded;
    static Path csv;

    @BeforeAll
    static void roundADigitsModel() throws IOException {
        assumeTrue(Files.isRegularFile(TOOL), "the loader is at " + TOOL);
        assumeTrue(Python.hasNumpy(), "python3 with numpy is installed");
        floatModel = dir.resolve("f.safetensors");
        rounded = dir.resolve("q3.safetensors");
        csv = dir.resolve("digits.csv.gz");
        try (InputStream in = BarqMain.class.getResourceAsStream("/org/barq/experiments/data/digits.csv.gz")) {
            Files.copy(in, csv);
        }
        assertEquals(0, Cli.run("train", "--epochs", "10", "--seed", "3", "--out", floatModel.toString())
                .exitCode());
        Cli q = Cli.run("quantize", "--model", floatModel.toString(), "--bits", "3", "--solver",
                "coordinate-descent", "--objective", "hinge", "--lambda", "1", "--out", rounded.toString());
        assertEquals(0, q.exitCode(), q.err());
    }

    @Test
    void pythonLoaderAgreesWithBarqOnTheRoundedModel() throws IOException {
        Path json = dir.resolve("eval.json");
        Cli e = Cli.run("evaluate", "--model", floatModel.toString(), "--rounded", rounded.toString(),
                "--dataset", "csv:" + csv, "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        var report = new ObjectMapper().readTree(json.toFile());

        Python rounded3 = Python.run(TOOL.toString(), rounded.toString(), "--csv", csv.toString());
        assertEquals(0, rounded3.exitCode(), rounded3.output());
        assertTrue(rounded3.output().contains("weight == scale * codes holds"), rounded3.output());
        assertAccuracy(report.get("accuracy_rounded").asDouble(), rounded3.output());

        Python float32 = Python.run(TOOL.toString(), floatModel.toString(), "--csv", csv.toString());
        assertEquals(0, float32.exitCode(), float32.output());
        assertAccuracy(report.get("accuracy_float").asDouble(), float32.output());
    }

    /** The loader applies a stored CAT correction (in a PCA of the logits) and reaches evaluate's corrected accuracy. */
    @Test
    void pythonLoaderAppliesTheStoredCorrection() throws IOException {
        Path cat = dir.resolve("q2-cat.safetensors");
        Cli q = Cli.run("quantize", "--model", floatModel.toString(), "--bits", "2", "--solver", "nearest",
                "--correction", "cat", "--correction-option", "pca=3", "--out", cat.toString());
        assertEquals(0, q.exitCode(), q.err());
        Path json = dir.resolve("eval-cat.json");
        Cli e = Cli.run("evaluate", "--model", floatModel.toString(), "--rounded", cat.toString(),
                "--dataset", "csv:" + csv, "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        var report = new ObjectMapper().readTree(json.toFile());
        double corrected = report.get("accuracy_rounded").asDouble();
        assertTrue(corrected != report.get("uncorrected").get("accuracy_rounded").asDouble(),
                "the correction changes some predictions, so the check below can tell: " + report);
        for (Python loaded : new Python[] {Python.run(TOOL.toString(), cat.toString(), "--csv", csv.toString(),
                "--numpy"), Python.run(TOOL.toString(), cat.toString(), "--csv", csv.toString())}) {
            assertEquals(0, loaded.exitCode(), loaded.output());
            assertTrue(loaded.output().contains("then the cat correction of the logits"), loaded.output());
            assertAccuracy(corrected, loaded.output());
        }
    }

    /**
     * A CNN imported from PyTorch (the interop fixture) written as net-v1 and rounded to net-q-v1: with PyTorch the
     * loader rebuilds both, checks the codes and agrees with {@code barq evaluate}'s accuracies on digits; without,
     * it says it needs PyTorch, in one line.
     */
    @Test
    void pythonLoaderRunsAConvolutionalNetworkAndItsRoundedFileWithPyTorch() throws IOException {
        Path cnn = dir.resolve("cnn.safetensors");
        Cli imported = Cli.run("import", Path.of("..", "interop", "src", "test", "resources", "org", "barq", "interop",
                "onnx", "cnn.onnx").toString(), "--out", cnn.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        Path q = dir.resolve("cnn-q4.safetensors");
        Cli rounded = Cli.run("quantize", "--model", cnn.toString(), "--dataset", "csv:" + csv, "--input-shape",
                "1,8,8", "--bits", "4", "--solver", "gptq", "--out", q.toString());
        assertEquals(0, rounded.exitCode(), rounded.err());
        Python floatRun = Python.withTorch(TOOL.toString(), cnn.toString(), "--csv", csv.toString());
        Python roundedRun = Python.withTorch(TOOL.toString(), q.toString(), "--csv", csv.toString());
        if (floatRun == null) {
            Python loaded = Python.run(TOOL.toString(), q.toString(), "--csv", csv.toString());
            assertTrue(loaded.exitCode() != 0 && loaded.output().strip().endsWith("needs PyTorch; install"
                    + " python3-torch"), loaded.output());
            return;
        }
        assertEquals(0, floatRun.exitCode(), floatRun.output());
        assertTrue(floatRun.output().contains("format: net-v1") && floatRun.output().contains("Conv2d(1, 4"),
                floatRun.output());
        assertEquals(0, roundedRun.exitCode(), roundedRun.output());
        assertTrue(roundedRun.output().contains("format: net-q-v1, 4-bit codes, weight == scale * codes holds"),
                roundedRun.output());
        Path json = dir.resolve("cnn-eval.json");
        Cli e = Cli.run("evaluate", "--model", cnn.toString(), "--rounded", q.toString(), "--dataset", "csv:" + csv,
                "--input-shape", "1,8,8", "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        var report = new ObjectMapper().readTree(json.toFile());
        assertAccuracy(report.get("accuracy_float").asDouble(), floatRun.output());
        assertAccuracy(report.get("accuracy_rounded").asDouble(), roundedRun.output());
    }

    /** A net-v1 network whose first layer is dense (no ReLU between its layers, so not an MLP) runs too. */
    @Test
    void pythonLoaderRunsANetworkThatStartsWithADenseLayer() throws IOException {
        Path net = dir.resolve("dense-dense.safetensors");
        Cli trained = Cli.run("train", "--arch", "dense(16)-dense(10)", "--epochs", "3", "--dataset", "csv:" + csv,
                "--out", net.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path q = dir.resolve("dense-dense-q4.safetensors");
        Cli rounded = Cli.run("quantize", "--model", net.toString(), "--dataset", "csv:" + csv, "--bits", "4",
                "--solver", "gptq", "--out", q.toString());
        assertEquals(0, rounded.exitCode(), rounded.err());
        Python floatRun = Python.withTorch(TOOL.toString(), net.toString(), "--csv", csv.toString());
        if (floatRun == null) {
            return;
        }
        Python roundedRun = Python.withTorch(TOOL.toString(), q.toString(), "--csv", csv.toString());
        assertEquals(0, floatRun.exitCode(), floatRun.output());
        assertTrue(floatRun.output().contains("format: net-v1"), floatRun.output());
        assertEquals(0, roundedRun.exitCode(), roundedRun.output());
        Path json = dir.resolve("dense-dense-eval.json");
        Cli e = Cli.run("evaluate", "--model", net.toString(), "--rounded", q.toString(), "--dataset", "csv:" + csv,
                "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        var report = new ObjectMapper().readTree(json.toFile());
        assertAccuracy(report.get("accuracy_float").asDouble(), floatRun.output());
        assertAccuracy(report.get("accuracy_rounded").asDouble(), roundedRun.output());
    }

    /**
     * Group-wise scales ({@code weight.scale} [out, in / 16], {@code barq.group_size} 16): the loader repeats each
     * group's scale over its inputs, finds weight == scale * codes bit for bit, and agrees with evaluate's accuracy;
     * a file whose group size disagrees with its scales is refused.
     */
    @Test
    void pythonLoaderChecksGroupWiseScales() throws IOException {
        Path grouped = dir.resolve("g16.safetensors");
        Cli q = Cli.run("quantize", "--model", floatModel.toString(), "--bits", "4", "--group-size", "16", "--out",
                grouped.toString());
        assertEquals(0, q.exitCode(), q.err());
        Path json = dir.resolve("g16.json");
        Cli e = Cli.run("evaluate", "--model", floatModel.toString(), "--rounded", grouped.toString(),
                "--dataset", "csv:" + csv, "--slice-grid", "16", "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        Python loaded = Python.run(TOOL.toString(), grouped.toString(), "--csv", csv.toString());
        assertEquals(0, loaded.exitCode(), loaded.output());
        assertTrue(loaded.output().contains("weight == scale * codes holds"), loaded.output());
        assertAccuracy(new ObjectMapper().readTree(json.toFile()).get("accuracy_rounded").asDouble(),
                loaded.output());

        byte[] bytes = Files.readAllBytes(grouped);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // Same length, so the header's offsets stay valid: "barq.group_size":"16" becomes "32".
        Path edited = dir.resolve("g16-says-32.safetensors");
        Files.write(edited, text.replace("\"barq.group_size\":\"16\"", "\"barq.group_size\":\"32\"")
                .getBytes(StandardCharsets.ISO_8859_1));
        Python refused = Python.run(TOOL.toString(), edited.toString());
        assertTrue(refused.exitCode() != 0, refused.output());
        assertTrue(refused.output().contains("groups of 16 inputs but barq.group_size is 32"), refused.output());
    }

    @Test
    void pythonLoaderRejectsARoundedFileWhoseWeightsDisagreeWithItsCodes() throws IOException {
        byte[] bytes = Files.readAllBytes(rounded);
        // one low mantissa bit of the first dequantized weight of layer 0, found through the header's offsets
        String header = new String(bytes, 8, (int) littleEndianLong(bytes), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"layers\\.0\\.weight\":\\{[^}]*\"data_offsets\":\\[(\\d+),").matcher(header);
        assertTrue(m.find(), header);
        int at = 8 + (int) littleEndianLong(bytes) + Integer.parseInt(m.group(1));
        bytes[at] ^= 1;
        Path broken = dir.resolve("broken.safetensors");
        Files.write(broken, bytes);
        Python r = Python.run(TOOL.toString(), broken.toString());
        assertTrue(r.exitCode() != 0, r.output());
        assertTrue(r.output().contains("weight != scale * codes"), r.output());
    }

    private static void assertAccuracy(double expected, String output) {
        Matcher m = ACCURACY.matcher(output);
        assertTrue(m.find(), output);
        assertEquals(1797, Integer.parseInt(m.group(2)));
        assertEquals(expected, Double.parseDouble(m.group(1)), 0.5e-4, output);
    }

    private static long littleEndianLong(byte[] b) {
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = (n << 8) | (b[i] & 0xff);
        }
        return n;
    }
}
