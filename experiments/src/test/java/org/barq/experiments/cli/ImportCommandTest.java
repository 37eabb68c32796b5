package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetResolver;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.interop.onnx.OnnxImport;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barq import} on the ONNX files PyTorch wrote for the interop tests, then barq's own commands on the result. */
class ImportCommandTest {
    private static final Path TRAINED = Path.of("src", "test", "resources", "org", "barq", "experiments", "onnx");
    private static final Path FIXTURES = Path.of("..", "interop", "src", "test", "resources", "org", "barq",
            "interop", "onnx");

    @TempDir
    Path dir;

    @Test
    void anMlpFromPyTorchImportsAndThenRoundsAndEvaluatesLikeBarqsOwn() {
        Path model = dir.resolve("imported.safetensors");
        Cli imported = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits", "--out",
                model.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("dense(12)-relu-dense(10), input 64 features, input scale 0.0625"),
                imported.out());
        assertTrue(imported.out().contains("test accuracy on digits/test"), imported.out());
        // the fixture's weights are random: its accuracy is chance, which import points out
        assertTrue(imported.out().contains("is near chance (1/10). Maybe the model expects another input scale"
                + " (--input-scale; now scale 0.0625) or was trained on another data set?"), imported.out());
        LoadedCheckpoint checkpoint = Checkpoints.read(model);
        assertEquals("digits", checkpoint.metadata().get(ModelMetadata.DATASET));
        assertTrue(checkpoint.metadata().get(ImportCommand.IMPORTED_FROM).startsWith("mlp.onnx sha256 "));
        for (String solver : new String[] {"gptq", "coordinate-descent"}) {
            Path q = dir.resolve(solver + ".safetensors");
            Cli rounded = Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--solver", solver,
                    "--out", q.toString());
            assertEquals(0, rounded.exitCode(), rounded.err());
            Cli evaluated = Cli.run("evaluate", "--model", model.toString(), "--rounded", q.toString());
            assertEquals(0, evaluated.exitCode(), evaluated.err());
        }
    }

    @Test
    void aConvolutionalNetworkImportsAsNetV1AndRoundsWithGptqAndCoordinateDescent() {
        Path cnn = dir.resolve("cnn.safetensors");
        Cli imported = Cli.run("import", FIXTURES.resolve("cnn.onnx").toString(), "--dataset", "digits", "--out",
                cnn.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        LoadedCheckpoint read = Checkpoints.read(cnn);
        assertEquals("net-v1", read.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals(OnnxImport.read(FIXTURES.resolve("cnn.onnx")).network().layers(), read.network().layers());
        assertEquals("digits", read.metadata().get(ModelMetadata.DATASET));
        for (String solver : new String[] {"gptq", "coordinate-descent"}) {
            Path q = dir.resolve(solver + ".safetensors");
            Cli rounded = Cli.run("quantize", "--model", cnn.toString(), "--bits", "4", "--solver", solver,
                    "--out", q.toString());
            assertEquals(0, rounded.exitCode(), rounded.err());
            assertTrue(rounded.out().contains("conv(4,k3,p1)") || rounded.out().contains("4x9"), rounded.out());
            LoadedCheckpoint q4 = Checkpoints.read(q);
            assertEquals("net-q-v1", q4.metadata().get(Checkpoints.BARQ_FORMAT));
            assertEquals(solver, q4.metadata().get(Checkpoints.SOLVER));
            assertEquals(3, q4.rounded().orElseThrow().quantized().size(), "two conv layers and a dense one");
            assertEquals(read.network().spec(), q4.network().spec());
        }
    }

    /**
     * A CNN that PyTorch trained on digits and exported (make_digits_cnn.py beside the fixture): barq's float logits
     * equal PyTorch's on every sample to 1e-4, and it rounds with gptq and coordinate-descent.
     */
    @Test
    void aCnnTrainedByPyTorchGivesPyTorchsLogitsAndRounds() throws IOException {
        Path cnn = dir.resolve("digits-cnn.safetensors");
        Cli imported = Cli.run("import", TRAINED.resolve("digits_cnn.onnx").toString(), "--dataset", "digits",
                "--out", cnn.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        Matcher accuracy = Pattern.compile("test accuracy on digits/test: ([0-9.]+)").matcher(imported.out());
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) > 0.95, imported.out());
        assertFalse(imported.out().contains("near chance"), imported.out());

        Network network = Checkpoints.read(cnn).network();
        Dataset digits = new DatasetResolver(dir).loadWhole("digits");
        double[] logits = Matrices.values(NetworkPass.run(network, Matrices.of(digits.scaledInputs(
                network.scaling()), digits.size(), digits.dimension())).logits());
        List<String> expected;
        try (var in = new GZIPInputStream(Files.newInputStream(TRAINED.resolve("digits_cnn_logits.csv.gz")))) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        assertEquals(digits.size(), expected.size());
        double worst = 0;
        for (int i = 0; i < digits.size(); i++) {
            String[] row = expected.get(i).split(",");
            for (int k = 0; k < 10; k++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(row[k]) - logits[i * 10 + k]));
            }
        }
        assertTrue(worst <= 1e-4, "largest logit difference from PyTorch " + worst);

        for (String solver : new String[] {"gptq", "coordinate-descent"}) {
            Path q = dir.resolve("digits-cnn-" + solver + ".safetensors");
            Cli rounded = Cli.run("quantize", "--model", cnn.toString(), "--bits", "4", "--solver", solver,
                    "--out", q.toString());
            assertEquals(0, rounded.exitCode(), rounded.err());
            assertTrue(Checkpoints.read(q).isRounded());
        }
    }

    @Test
    void aCalibrationCapIsRecordedAndQuantizeThenRoundsOnThatManySamples() {
        Path model = dir.resolve("capped.safetensors");
        Cli imported = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits",
                "--calibration-max", "100", "--out", model.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("calibration split 100 samples"), imported.out());
        assertFalse(imported.out().contains("note: the calibration split"), imported.out());
        assertEquals("100", Checkpoints.read(model).metadata().get(ModelMetadata.CALIBRATION_MAX));
        Cli rounded = Cli.run("quantize", "--model", model.toString(), "--bits", "4", "--solver", "gptq", "--out",
                dir.resolve("q.safetensors").toString());
        assertEquals(0, rounded.exitCode(), rounded.err());
        assertTrue(rounded.out().contains("on digits/calibration (100 samples)"), rounded.out());

        Path plain = dir.resolve("plain.safetensors");
        assertEquals(0, Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits", "--out",
                plain.toString()).exitCode());
        assertEquals("1280", Checkpoints.read(plain).metadata().get(ModelMetadata.CALIBRATION_MAX));
        Cli large = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits",
                "--calibration-max", "12000", "--out", dir.resolve("large.safetensors").toString());
        assertEquals(0, large.exitCode(), large.err());
        assertTrue(large.out().contains("note: the calibration split holds 270 samples, fewer than"
                + " --calibration-max 12000 asks for"), large.out());
    }

    @Test
    void aCalibrationCapWithoutADatasetOrBelowOneIsRefusedInOneLine() {
        Cli noData = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--calibration-max", "12000",
                "--out", dir.resolve("n.safetensors").toString());
        assertEquals(2, noData.exitCode());
        assertTrue(noData.err().contains("--calibration-max 12000 caps the calibration split of --dataset, and no"
                + " --dataset is given. Maybe add --dataset mnist?"), noData.err());
        assertEquals(1, noData.err().strip().lines().count(), noData.err());
        Cli zero = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits",
                "--calibration-max", "0", "--out", dir.resolve("z.safetensors").toString());
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--calibration-max 0 must be at least 1."), zero.err());
        assertEquals(1, zero.err().strip().lines().count(), zero.err());
        assertTrue(Files.notExists(dir.resolve("n.safetensors")) && Files.notExists(dir.resolve("z.safetensors")));
    }

    /** Without --dataset, --split-seed was dropped (not recorded) and --data-dir taken without a look. */
    @Test
    void aSplitSeedOrDataFolderWithoutADatasetIsRefusedInOneLine() {
        Path out = dir.resolve("no-data.safetensors");
        Cli seed = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--out", out.toString(), "--split-seed",
                "3");
        assertEquals(2, seed.exitCode());
        assertEquals("barq: error: --split-seed 3 picks the split of --dataset, and no --dataset is given, so it"
                + " would not be recorded. Maybe add --dataset mnist?", seed.err().strip());
        Cli folder = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--out", out.toString(),
                "--data-dir", "/nonexist");
        assertEquals(2, folder.exitCode());
        assertEquals("barq: error: --data-dir /nonexist is where --dataset is read from, and no --dataset is given."
                + " Maybe add --dataset mnist, or drop --data-dir?", folder.err().strip());
        assertTrue(Files.notExists(out));
        Cli withData = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits",
                "--split-seed", "3", "--out", out.toString());
        assertEquals(0, withData.exitCode(), withData.err());
        assertEquals("3", Checkpoints.read(out).metadata().get(ModelMetadata.SPLIT_SEED));
    }

    @Test
    void aConflictingScaleOrAnUnsupportedOperatorIsRefusedInOneLine() {
        Cli scale = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--input-scale", "0.5", "--out",
                dir.resolve("s.safetensors").toString());
        assertEquals(2, scale.exitCode());
        assertTrue(scale.err().contains("--input-scale 0.5 differs from what ") && scale.err().contains(
                "mlp.onnx does to its input itself (scale 0.0625). Maybe leave --input-scale out?"), scale.err());
        Cli shape = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--dataset", "digits", "--input-shape",
                "1,8,8", "--out", dir.resolve("s.safetensors").toString());
        assertEquals(2, shape.exitCode());
        assertTrue(shape.err().contains("--input-shape 1,8,8 differs from the input of") && shape.err().contains(
                "import takes the shape from the graph"), shape.err());
        Cli sigmoid = Cli.run("import", FIXTURES.resolve("unsupported_operator.onnx").toString(), "--out",
                dir.resolve("u.safetensors").toString());
        assertEquals(2, sigmoid.exitCode());
        assertTrue(sigmoid.err().contains("(Sigmoid) is not an operator barq imports"), sigmoid.err());
        assertEquals(1, sigmoid.err().strip().lines().count(), sigmoid.err());
    }
}
