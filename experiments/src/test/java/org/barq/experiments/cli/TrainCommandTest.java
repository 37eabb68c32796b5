package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barq train --arch}: a CNN as net-v1 that the other commands take; bad combinations refused with exit 2. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCnnIsWrittenAsNetV1AndRounds() {
        Path cnn = dir.resolve("cnn.safetensors");
        Cli trained = Cli.run("train", "--arch", "conv(4,k3,p1)-relu-maxpool(2)-flatten-dense(10)", "--epochs", "2",
                "--out", cnn.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        LoadedCheckpoint read = Checkpoints.read(cnn);
        assertEquals("net-v1", read.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("conv(4,k3,p1)-relu-maxpool(2)-flatten-dense(10)", read.network().spec());
        assertTrue(read.metadata().get("barq.training").startsWith("{\"arch\":\"conv(4,k3,p1)-relu"),
                read.metadata().toString());
        Cli q = Cli.run("quantize", "--model", cnn.toString(), "--bits", "4", "--solver", "coordinate-descent",
                "--objective", "hinge", "--lambda", "1", "--out", dir.resolve("q.safetensors").toString());
        assertEquals(0, q.exitCode(), q.err());
    }

    @Test
    void archWithHiddenOrABadSpecExitsWithTwo() {
        Cli both = Cli.run("train", "--arch", "dense(10)", "--hidden", "64", "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--arch and --hidden both give the layers"), both.err());
        Cli bad = Cli.run("train", "--arch", "conv(4,k3)-relu-dense(12)", "--out",
                dir.resolve("y.safetensors").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("ends with 12 outputs but the data set has 10 classes"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void aCalibrationCapLargerThanTheSplitIsNotedNotDroppedSilently() {
        Cli asked = Cli.run("train", "--hidden", "8", "--epochs", "1", "--calibration-max", "5000", "--out",
                dir.resolve("cap.safetensors").toString());
        assertEquals(0, asked.exitCode(), asked.err());
        assertTrue(asked.out().contains("note: the calibration split holds 270 samples, fewer than --calibration-max"
                + " 5000 asks for: it takes 20 % of what the test split leaves."), asked.out());
        Cli fits = Cli.run("train", "--hidden", "8", "--epochs", "1", "--calibration-max", "100", "--out",
                dir.resolve("fits.safetensors").toString());
        assertFalse(fits.out().contains("note:"), fits.out());
        Cli unasked = Cli.run("train", "--hidden", "8", "--epochs", "1", "--out",
                dir.resolve("default.safetensors").toString());
        assertFalse(unasked.out().contains("note:"), "the default cap is no request: " + unasked.out());
    }
}
