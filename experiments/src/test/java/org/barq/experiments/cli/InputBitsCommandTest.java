package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.barq.api.model.InputQuantizer;
import org.barq.experiments.data.DatasetResolver;
import org.barq.experiments.encoding.CodesFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * barq train --input-bits, quantize behind the quantizer, encode and evaluate --encoded on digits: the codes survive
 * the checkpoint and the codes file; bad bits and wrong data are refused in one line with exit code 2.
 */
class InputBitsCommandTest {
    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("bw.safetensors");
        Cli trained = Cli.run("train", "--hidden", "16", "--epochs", "3", "--input-bits", "2", "--out",
                model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("compression 16.0x"), trained.out());
    }

    @Test
    void codesRoundTripThroughTheCheckpointAndTheCodesFile() throws Exception {
        LoadedCheckpoint read = Checkpoints.read(model);
        InputQuantizer q = read.input().orElseThrow();
        assertEquals("bitwise", q.code().name());
        assertEquals(64 * 3, read.network().input().size());
        Path codes = dir.resolve("codes.bin");
        Cli encoded = Cli.run("encode", "--model", model.toString(), "--out", codes.toString());
        assertEquals(0, encoded.exitCode(), encoded.err());
        assertTrue(encoded.out().contains("compression 16.0x"), encoded.out());
        CodesFile file = CodesFile.read(codes);
        Dataset test = new DatasetResolver(Path.of("no-data-dir")).resolve("digits", SplitSpec.DEFAULT, 0).test();
        assertEquals(test.size(), file.header().samples());
        // 450 samples x 64 features x 2 bits, packed, after the header
        assertTrue(Files.size(codes) > 450 * 16 && Files.size(codes) <= 450 * 16 + 512, "" + Files.size(codes));
        float[] raw = new float[64];
        for (int i = 0; i < test.size(); i += 37) {
            for (int j = 0; j < 64; j++) {
                raw[j] = test.feature(i, j);
            }
            assertArrayEquals(q.encode(raw), file.codes()[i], "sample " + i);
        }
        Path rounded = dir.resolve("q.safetensors");
        Cli quantized = Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--solver", "nearest",
                "--out", rounded.toString());
        assertEquals(0, quantized.exitCode(), quantized.err());
        LoadedCheckpoint r = Checkpoints.read(rounded);
        assertArrayEquals(q.code().thresholds(), r.input().orElseThrow().code().thresholds());
        Cli server = Cli.run("evaluate", "--model", model.toString(), "--rounded", rounded.toString(), "--encoded",
                codes.toString());
        assertEquals(0, server.exitCode(), server.err());
        assertTrue(server.out().contains("equal the test split's own codes: yes"), server.out());
        assertTrue(server.out().contains("accuracy_rounded"), server.out());
        Path json = dir.resolve("encoded.json");
        Cli written = Cli.run("evaluate", "--model", model.toString(), "--rounded", rounded.toString(), "--encoded",
                codes.toString(), "--json", json.toString());
        assertEquals(0, written.exitCode(), written.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("decoded_equal_own_codes").asBoolean() && report.has("accuracy_rounded"),
                report.toString());
        Cli plots = Cli.run("evaluate", "--model", model.toString(), "--encoded", codes.toString(), "--plots",
                dir.resolve("p").toString());
        assertEquals(2, plots.exitCode());
        assertTrue(plots.err().contains("--plots has no effect with --encoded"), plots.err());
    }

    /** A codes file of the wrong length, or of another data set, is refused with a hint that fits. */
    @Test
    void codesFilesThatDoNotFitAreRefusedWithTheirCause() throws Exception {
        Path codes = dir.resolve("codes-fit.bin");
        assertEquals(0, Cli.run("encode", "--model", model.toString(), "--out", codes.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(codes);
        Path longer = Files.write(dir.resolve("longer.bin"), java.util.Arrays.copyOf(bytes, bytes.length + 10));
        Cli appended = Cli.run("evaluate", "--model", model.toString(), "--encoded", longer.toString());
        assertEquals(2, appended.exitCode());
        assertTrue(appended.err().contains("Maybe something was appended to the file?"), appended.err());
        Path shorter = Files.write(dir.resolve("shorter.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Cli cut = Cli.run("evaluate", "--model", model.toString(), "--encoded", shorter.toString());
        assertEquals(2, cut.exitCode());
        assertTrue(cut.err().contains("Maybe the file was cut short?"), cut.err());
        Path csv = dir.resolve("digits-copy.csv.gz");
        try (java.io.InputStream in = BarqMain.class.getResourceAsStream("/org/barq/experiments/data/digits.csv.gz")) {
            Files.copy(in, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path csvCodes = dir.resolve("codes-csv.bin");
        Cli encoded = Cli.run("encode", "--model", model.toString(), "--dataset", "csv:" + csv, "--out",
                csvCodes.toString());
        assertEquals(0, encoded.exitCode(), encoded.err());
        Cli other = Cli.run("evaluate", "--model", model.toString(), "--encoded", csvCodes.toString());
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("Maybe --dataset csv:" + csv + ", the data set barq encode read?"),
                other.err());
        assertEquals(0, Cli.run("evaluate", "--model", model.toString(), "--encoded", csvCodes.toString(),
                "--dataset", "csv:" + csv).exitCode());
    }

    /** The deployed model is the corrected one, with or without --encoded: both give the same accuracies. */
    @Test
    void encodedCodesAreScoredWithTheLogitCorrection() throws Exception {
        Path codes = dir.resolve("codes-cat.bin");
        assertEquals(0, Cli.run("encode", "--model", model.toString(), "--out", codes.toString()).exitCode());
        Path rounded = dir.resolve("q2-cat.safetensors");
        Cli quantized = Cli.run("quantize", "--model", model.toString(), "--bits", "2", "--solver", "nearest",
                "--correction", "cat", "--out", rounded.toString());
        assertEquals(0, quantized.exitCode(), quantized.err());
        Path plainJson = dir.resolve("plain.json");
        assertEquals(0, Cli.run("evaluate", "--model", model.toString(), "--rounded", rounded.toString(), "--json",
                plainJson.toString()).exitCode());
        Path encodedJson = dir.resolve("encoded-cat.json");
        Cli encoded = Cli.run("evaluate", "--model", model.toString(), "--rounded", rounded.toString(), "--encoded",
                codes.toString(), "--json", encodedJson.toString());
        assertEquals(0, encoded.exitCode(), encoded.err());
        assertTrue(encoded.out().contains("accuracy_rounded is of the corrected logits"), encoded.out());
        JsonNode plain = new ObjectMapper().readTree(plainJson.toFile());
        JsonNode fromCodes = new ObjectMapper().readTree(encodedJson.toFile());
        double corrected = plain.get("accuracy_rounded").asDouble();
        double uncorrected = plain.get("uncorrected").get("accuracy_rounded").asDouble();
        org.junit.jupiter.api.Assertions.assertNotEquals(corrected, uncorrected, "the correction changes labels");
        assertEquals(corrected, fromCodes.get("accuracy_rounded").asDouble(), 0.0, fromCodes.toString());
        assertEquals(uncorrected, fromCodes.get("accuracy_rounded_uncorrected").asDouble(), 0.0);
        assertEquals("cat", fromCodes.get("correction").get("method").asText());
    }

    /** tools/load_checkpoint.py runs the quantizer in front of the network: its accuracy is barq's, digit for digit. */
    @Test
    void thePythonLoaderAppliesTheQuantizerAsBarqDoes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Python.hasNumpy(), "python3 with numpy is installed");
        Path tool = Path.of("..", "tools", "load_checkpoint.py").toAbsolutePath().normalize();
        Path csv = dir.resolve("digits.csv.gz");
        try (java.io.InputStream in = BarqMain.class.getResourceAsStream("/org/barq/experiments/data/digits.csv.gz")) {
            Files.copy(in, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path levels = dir.resolve("quantile.safetensors");
        assertEquals(0, Cli.run("train", "--hidden", "16", "--epochs", "3", "--input-bits", "3",
                "--input-quantizer", "quantile", "--out", levels.toString()).exitCode());
        for (Path m : new Path[] {model, levels}) {
            Cli e = Cli.run("evaluate", "--model", m.toString(), "--rounded", m.toString(), "--dataset", "csv:" + csv,
                    "--slice-grid", "10");
            // a float file is not a rounded one: evaluate refuses, so compare with encode + evaluate --encoded
            assertEquals(2, e.exitCode());
            Path codes = dir.resolve("all.bin");
            assertEquals(0, Cli.run("encode", "--model", m.toString(), "--dataset", "csv:" + csv, "--out",
                    codes.toString()).exitCode());
            Cli server = Cli.run("evaluate", "--model", m.toString(), "--dataset", "csv:" + csv, "--encoded",
                    codes.toString());
            assertEquals(0, server.exitCode(), server.err());
            java.util.regex.Matcher barq = java.util.regex.Pattern.compile("accuracy_float +([0-9.]+)")
                    .matcher(server.out());
            assertTrue(barq.find(), server.out());
            Python py = Python.run(tool.toString(), m.toString(), "--csv", csv.toString(), "--numpy");
            assertEquals(0, py.exitCode(), py.output());
            java.util.regex.Matcher loader = java.util.regex.Pattern.compile("accuracy on .*: ([0-9.]+) \\(1797")
                    .matcher(py.output());
            assertTrue(loader.find(), py.output());
            assertEquals(Double.parseDouble(barq.group(1)), Double.parseDouble(loader.group(1)), 5e-5, py.output());
        }
    }

    /** Bits of its own for each feature: the first 32 pixels 1 bit, the other 32 3 bits, 16x on average. */
    /** Both ends at once: the input quantizer in front, a CAT correction of the logits behind. */
    @Test
    void aCorrectionFitsBehindAnInputQuantizer() {
        Path rounded = dir.resolve("q-cat.safetensors");
        Cli quantized = Cli.run("quantize", "--model", model.toString(), "--bits", "2", "--solver", "gptq",
                "--correction", "cat", "--correction-option", "clusters=8", "--out", rounded.toString());
        assertEquals(0, quantized.exitCode(), quantized.err());
        LoadedCheckpoint r = Checkpoints.read(rounded);
        assertTrue(r.input().isPresent() && r.correction().isPresent(), r.metadata().toString());
        Cli e = Cli.run("evaluate", "--model", model.toString(), "--rounded", rounded.toString(), "--slice-grid",
                "16");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("| uncorrected"), e.out());
    }

    @Test
    void exportRefusesAModelBehindAnInputQuantizerInOneLine() {
        Path onnx = dir.resolve("q.onnx");
        Cli r = Cli.run("export", "--model", model.toString(), "--format", "onnx-float", "--out", onnx.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("has an input quantizer in front of its network")
                && r.err().contains("Maybe export a model trained without --input-bits?"), r.err());
        assertFalse(java.nio.file.Files.exists(onnx));
    }

    @Test
    void eachFeatureMayHaveItsOwnBits() {
        String bits = String.join(",", java.util.Collections.nCopies(32, "1")) + ","
                + String.join(",", java.util.Collections.nCopies(32, "3"));
        Path perFeature = dir.resolve("per-feature.safetensors");
        Cli trained = Cli.run("train", "--hidden", "8", "--epochs", "1", "--input-bits", bits,
                "--input-quantizer", "bitwise-fixed", "--out", perFeature.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("compression 16.0x"), trained.out());
        InputQuantizer q = Checkpoints.read(perFeature).input().orElseThrow();
        assertEquals(32 * 1 + 32 * 7, q.code().width());
        assertEquals(1, q.code().bits(0));
        assertEquals(3, q.code().bits(63));
    }

    @Test
    void badBitsAndModelsWithoutAQuantizerAreRefusedInOneLine() {
        Cli bits = Cli.run("train", "--epochs", "1", "--input-bits", "9", "--out", dir.resolve("x.safetensors")
                .toString());
        assertEquals(2, bits.exitCode());
        assertTrue(bits.err().contains("bits per feature 9 is outside 1..8"), bits.err());
        assertEquals(1, bits.err().strip().lines().count(), bits.err());
        Cli name = Cli.run("train", "--epochs", "1", "--input-bits", "2", "--input-quantizer", "ternary", "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(2, name.exitCode());
        assertTrue(name.err().contains("Maybe one of: bitwise, bitwise-fixed, quantile, uniform"), name.err());
        Cli widths = Cli.run("train", "--epochs", "1", "--input-bits", "1,2", "--out", dir.resolve("x.safetensors")
                .toString());
        assertEquals(2, widths.exitCode());
        assertTrue(widths.err().contains("2 bit widths given for 64 features"), widths.err());
        Cli straight = Cli.run("train", "--epochs", "1", "--input-straight-through", "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(2, straight.exitCode());
        assertTrue(straight.err().contains("no --input-bits asks for them. Maybe --input-bits 2?"), straight.err());
        Cli fixedStraight = Cli.run("train", "--epochs", "1", "--input-bits", "2", "--input-quantizer", "uniform",
                "--input-straight-through", "--out", dir.resolve("x.safetensors").toString());
        assertEquals(2, fixedStraight.exitCode());
        assertEquals(1, fixedStraight.err().strip().lines().count(), fixedStraight.err());
        // the quantizer's options are not dropped when nothing reads them
        Cli decay = Cli.run("train", "--epochs", "1", "--input-decay", "0.5", "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(2, decay.exitCode());
        assertEquals("barq: error: --input-decay 0.5 sets the input quantizer, but no --input-bits asks for one. Maybe"
                + " --input-bits 2, or no --input-decay?", decay.err().strip());
        Cli quantizer = Cli.run("train", "--epochs", "1", "--input-quantizer", "uniform", "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(2, quantizer.exitCode());
        assertTrue(quantizer.err().contains("--input-quantizer uniform sets the input quantizer, but no --input-bits"),
                quantizer.err());
        Cli levelsDecay = Cli.run("train", "--epochs", "1", "--input-bits", "2", "--input-quantizer", "uniform",
                "--input-decay", "0.5", "--out", dir.resolve("x.safetensors").toString());
        assertEquals(2, levelsDecay.exitCode());
        assertEquals("barq: error: --input-decay 0.5 cools the bitwise quantizer's soft thermometer, and"
                + " --input-quantizer uniform has none. Maybe --input-quantizer bitwise, or no --input-decay?",
                levelsDecay.err().strip());
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
        Path plain = dir.resolve("plain.safetensors");
        assertEquals(0, Cli.run("train", "--hidden", "8", "--epochs", "1", "--out", plain.toString()).exitCode());
        Cli none = Cli.run("encode", "--model", plain.toString(), "--out", dir.resolve("c.bin").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("has no input quantizer"), none.err());
        Cli other = Cli.run("evaluate", "--model", plain.toString(), "--encoded", dir.resolve("none.bin").toString());
        assertEquals(2, other.exitCode());
        assertEquals(1, other.err().strip().lines().count(), other.err());
        Cli missing = Cli.run("evaluate", "--model", model.toString(), "--encoded", dir.resolve("none.bin").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("codes file " + dir.resolve("none.bin") + " does not exist. Maybe the --out"
                + " of barq encode?"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }
}
