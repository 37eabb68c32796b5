package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.experiments.provenance.ModelMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spine on the embedded digits data: train with the defaults, round to nearest, check the files. */
class TrainQuantizeEndToEndTest {
    @TempDir
    static Path dir;
    static Path floatModel;

    @BeforeAll
    static void train() {
        floatModel = dir.resolve("digits.safetensors");
        Cli r = Cli.run("train", "--dataset", "digits", "--seed", "0", "--out", floatModel.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("epoch  40/40"), "progress per epoch");
    }

    @Test
    void defaultDigitsModelReachesTheTargetAccuracy() {
        LoadedCheckpoint loaded = Checkpoints.read(floatModel);
        double accuracy = Double.parseDouble(loaded.metadata().get(ModelMetadata.TEST_ACCURACY));
        assertTrue(accuracy >= 0.96, "test accuracy " + accuracy);
        assertEquals("[64,64,10]", loaded.metadata().get(Checkpoints.LAYERS));
    }

    @Test
    void trainingIsByteIdenticalForTheSameSeed() throws Exception {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        assertEquals(0, Cli.run("train", "--epochs", "3", "--seed", "7", "--out", a.toString()).exitCode());
        assertEquals(0, Cli.run("train", "--epochs", "3", "--seed", "7", "--out", b.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        Path c = dir.resolve("c.safetensors");
        assertEquals(0, Cli.run("train", "--epochs", "3", "--seed", "8", "--out", c.toString()).exitCode());
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), "another seed differs");
    }

    @Test
    void nearestRoundingWritesAValidRoundedCheckpointWithItsProvenance() {
        Path q = dir.resolve("q4.safetensors");
        Cli r = Cli.run("quantize", "--model", floatModel.toString(), "--bits", "4", "--solver", "nearest",
                "--objective", "hinge", "--lambda", "1", "--out", q.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("64x64"), r.out());
        LoadedCheckpoint loaded = Checkpoints.read(q);
        assertTrue(loaded.isRounded());
        assertEquals(4, loaded.rounded().orElseThrow().bits());
        assertEquals("nearest", loaded.metadata().get(Checkpoints.SOLVER));
        assertEquals("hinge", loaded.metadata().get(Checkpoints.OBJECTIVE));
        assertEquals(Checkpoints.read(floatModel).sha256(), loaded.metadata().get(Checkpoints.SOURCE_SHA256));
        assertTrue(loaded.metadata().get(ModelMetadata.LAYER_TERMS).contains("\"g_rtn\""));
    }
}
