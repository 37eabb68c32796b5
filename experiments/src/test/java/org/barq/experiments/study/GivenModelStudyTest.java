package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.experiments.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose model is a checkpoint: its splits must be the ones the model was trained with, so that its test and
 * calibration samples are unseen, and a checkpoint the study cannot use is refused before it is copied.
 */
class GivenModelStudyTest {
    private static final String CONFIG = """
            dataset: {spec: digits%s}
            model: {checkpoint: %s}
            bits: [4]
            group_size: %d
            solvers: [{name: nearest}]
            evaluation: {slice_grid: 16, interpolation_steps: 4}
            stopping: {enabled: false}
            interpolation: {enabled: false}
            outputs: {keep_checkpoints: none, plots: false}
            """;

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("seed3.safetensors");
        Cli r = Cli.run("train", "--hidden", "16", "--epochs", "1", "--split-seed", "3", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void anotherSplitSeedThanTheModelsIsRefusedBeforeTheModelIsCopied() throws IOException {
        Cli r = run("omitted", "", 0);
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("dataset.split_seed 0 differs from the split seed 3 that model.checkpoint " + model
                + " was trained with on digits: the study's test and calibration splits would hold samples the model"
                + " was trained on. Maybe dataset: {split_seed: 3}?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("omitted").resolve(Provenance.MODEL_FILE)));
        Cli same = run("same", ", split_seed: 3", 0);
        assertEquals(0, same.exitCode(), same.err());
        String summary = Files.readString(dir.resolve("same").resolve("summary.md"));
        assertTrue(summary.contains("| seeds | rounding: [0]; split: 3 |"), summary);
    }

    @Test
    void aLargerCalibrationCapThanTheModelsIsNoted() throws IOException {
        Cli r = run("cap", ", split_seed: 3, calibration_max: 2000", 0);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("note: dataset.calibration_max 2000 is above the 1280 that " + model + " records"),
                r.out());
        assertFalse(run("smaller", ", split_seed: 3, calibration_max: 100", 0).out().contains("calibration_max"));
    }

    @Test
    void aGroupSizeThatDoesNotFitTheCheckpointLeavesNoModelInTheRunFolder() throws IOException {
        Cli r = run("g5", ", split_seed: 3", 5);
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("group size 5 does not divide the width 64 of layer 0"), r.err());
        assertFalse(Files.exists(dir.resolve("g5").resolve(Provenance.MODEL_FILE)), "refused before the copy");
    }

    /** A resumed run reuses the run folder's copy of the model, so the original file may have moved since. */
    @Test
    void aResumedRunNeedsNotTheOriginalCheckpoint() throws IOException {
        Path copy = Files.copy(model, dir.resolve("moved-later.safetensors"));
        Path config = Files.writeString(dir.resolve("moved.yaml"), CONFIG.formatted(", split_seed: 3", copy, 0));
        Path out = dir.resolve("moved");
        assertEquals(0, Cli.run("run", config.toString(), "--out", out.toString()).exitCode());
        Files.delete(copy);
        Files.delete(out.resolve("results.jsonl"));
        Cli resumed = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("model: reusing"), resumed.out());
    }

    private static Cli run(String name, String dataset, int groupSize) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), CONFIG.formatted(dataset, model, groupSize));
        return Cli.run("run", config.toString(), "--out", dir.resolve(name).toString());
    }
}
