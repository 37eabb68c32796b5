package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.experiments.cli.BarqMain;
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
        String[] r = cli("train", "--hidden", "16", "--epochs", "1", "--split-seed", "3", "--out", model.toString());
        assertEquals("0", r[0], r[2]);
    }

    @Test
    void anotherSplitSeedThanTheModelsIsRefusedBeforeTheModelIsCopied() throws IOException {
        String[] r = run("omitted", "", 0);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[2].contains("dataset.split_seed 0 differs from the split seed 3 that model.checkpoint " + model
                + " was trained with on digits: the study's test and calibration splits would hold samples the model"
                + " was trained on. Maybe dataset: {split_seed: 3}?"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertFalse(Files.exists(dir.resolve("omitted").resolve(Provenance.MODEL_FILE)));
        String[] same = run("same", ", split_seed: 3", 0);
        assertEquals("0", same[0], same[2]);
        String summary = Files.readString(dir.resolve("same").resolve("summary.md"));
        assertTrue(summary.contains("| seeds | rounding: [0]; split: 3 |"), summary);
    }

    @Test
    void aLargerCalibrationCapThanTheModelsIsNoted() throws IOException {
        String[] r = run("cap", ", split_seed: 3, calibration_max: 2000", 0);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("note: dataset.calibration_max 2000 is above the 1280 that " + model + " records"),
                r[1]);
        assertFalse(run("smaller", ", split_seed: 3, calibration_max: 100", 0)[1].contains("calibration_max"));
    }

    @Test
    void aGroupSizeThatDoesNotFitTheCheckpointLeavesNoModelInTheRunFolder() throws IOException {
        String[] r = run("g5", ", split_seed: 3", 5);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[2].contains("group size 5 does not divide the width 64 of layer 0"), r[2]);
        assertFalse(Files.exists(dir.resolve("g5").resolve(Provenance.MODEL_FILE)), "refused before the copy");
    }

    /** A resumed run reuses the run folder's copy of the model, so the original file may have moved since. */
    @Test
    void aResumedRunNeedsNotTheOriginalCheckpoint() throws IOException {
        Path copy = Files.copy(model, dir.resolve("moved-later.safetensors"));
        Path config = Files.writeString(dir.resolve("moved.yaml"), CONFIG.formatted(", split_seed: 3", copy, 0));
        Path out = dir.resolve("moved");
        assertEquals("0", cli("run", config.toString(), "--out", out.toString())[0]);
        Files.delete(copy);
        Files.delete(out.resolve("results.jsonl"));
        String[] resumed = cli("run", config.toString(), "--out", out.toString());
        assertEquals("0", resumed[0], resumed[2]);
        assertTrue(resumed[1].contains("model: reusing"), resumed[1]);
    }

    private static String[] run(String name, String dataset, int groupSize) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), CONFIG.formatted(dataset, model, groupSize));
        return cli("run", config.toString(), "--out", dir.resolve(name).toString());
    }

    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BarqMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
