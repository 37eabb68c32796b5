package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.interop.onnx.OnnxImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barq import} on the ONNX files PyTorch wrote for the interop tests, then barq's own commands on the result. */
class ImportCommandTest {
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
        assertTrue(imported.out().contains("dense(12)-relu-dense(10), input 64x1x1, input scale 0.0625"),
                imported.out());
        assertTrue(imported.out().contains("test accuracy on digits/test"), imported.out());
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

    @Test
    void aConflictingScaleOrAnUnsupportedOperatorIsRefusedInOneLine() {
        Cli scale = Cli.run("import", FIXTURES.resolve("mlp.onnx").toString(), "--input-scale", "0.5", "--out",
                dir.resolve("s.safetensors").toString());
        assertEquals(2, scale.exitCode());
        assertTrue(scale.err().contains("--input-scale 0.5 differs from the 0.0625"), scale.err());
        Cli sigmoid = Cli.run("import", FIXTURES.resolve("unsupported_operator.onnx").toString(), "--out",
                dir.resolve("u.safetensors").toString());
        assertEquals(2, sigmoid.exitCode());
        assertTrue(sigmoid.err().contains("(Sigmoid) is not an operator barq imports"), sigmoid.err());
        assertEquals(1, sigmoid.err().strip().lines().count(), sigmoid.err());
    }
}
