package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.experiments.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study with {@code group_size}: recorded in its resolved config, results and kept checkpoints; reproducible. */
class GroupWiseStudyTest {
    private static final String CONFIG = """
            description: group-wise study for tests
            dataset: {spec: digits}
            model: {train: {hidden: [16], epochs: 1, batch_size: 64}}
            bits: [4]
            grid: absmax
            group_size: %d
            solvers:
              - name: nearest
              - name: gptq
            evaluation: {slice_grid: 16, interpolation_steps: 4}
            stopping: {enabled: false}
            interpolation: {enabled: false}
            outputs: {keep_checkpoints: all, plots: false}
            """;

    @TempDir
    Path dir;

    @Test
    void aGroupWiseStudyRecordsItsGroupSizeAndReproduces() throws IOException {
        Path config = Files.writeString(dir.resolve("g8.yaml"), CONFIG.formatted(8));
        Path out = dir.resolve("g8");
        Cli r = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(
                "note: no boundary viewer (view.html) and no slice pictures: outputs.plots is false"),
                r.out());
        assertFalse(Files.exists(out.resolve("view.html")));
        Map<String, JsonNode> lines = ResultsFile.load(out.resolve(RunFolder.RESULTS));
        assertEquals(2, lines.size());
        for (JsonNode line : lines.values()) {
            assertEquals(8, line.get("group_size").asInt(), line.toString());
            assertEquals("absmax", line.get("grid").asText());
        }
        JsonNode provenance = StudyJson.read(out.resolve(RunFolder.PROVENANCE));
        assertEquals(8, provenance.get("config").get("group_size").asInt());
        assertTrue(Files.readString(out.resolve("config.resolved.yaml")).contains("group_size: 8"));
        try (var files = Files.list(out.resolve("checkpoints"))) {
            List<Path> kept = files.sorted().toList();
            assertEquals(2, kept.size(), kept.toString());
            for (Path file : kept) {
                assertEquals("8", Checkpoints.read(file).metadata().get(Checkpoints.GROUP_SIZE), file.toString());
            }
        }
        Cli again = Cli.run("reproduce", out.resolve(RunFolder.RESULTS).toString(), "--variant", "1");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("OK "), again.out());
    }

    @Test
    void aGroupSizeThatDoesNotFitTheArchitectureIsRefusedBeforeTraining() throws IOException {
        Path config = Files.writeString(dir.resolve("g5.yaml"), CONFIG.formatted(5));
        Path out = dir.resolve("g5");
        Cli r = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("group size 5 does not divide the width 64 of layer 0 (dense(16), weight matrix"
                + " [16, 64]). Maybe 4 or 8, or 0 for one scale per row?"), r.err());
        assertFalse(r.out().contains("training"), "refused before the model is trained: " + r.out());
        assertFalse(Files.exists(out.resolve("model.safetensors")));
    }

}
