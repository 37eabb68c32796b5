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
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.experiments.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study with {@code corrections}: every rounding evaluated without and with each correction, side by side. */
class CorrectionStudyTest {
    private static final String CONFIG = """
            description: corrections study for tests
            dataset: {spec: digits}
            model: {train: {hidden: [16], epochs: 3, batch_size: 64}}
            bits: [2, 3]
            solvers:
              - name: nearest
              - name: gptq
            corrections:
              - name: affine
              - name: %s
                options: {clusters: "8"}
            evaluation: {slice_grid: 16, interpolation_steps: 4}
            stopping: {enabled: false}
            interpolation: {enabled: false}
            outputs: {keep_checkpoints: all, plots: false}
            """;

    @TempDir
    Path dir;

    @Test
    void eachRoundingIsEvaluatedUncorrectedAndWithEachCorrectionAndTheReportShowsThemSideBySide()
            throws IOException {
        Path config = Files.writeString(dir.resolve("c.yaml"), CONFIG.formatted("cat"));
        Path out = dir.resolve("c");
        Cli r = Cli.run("run", config.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> lines = ResultsFile.load(out.resolve(RunFolder.RESULTS));
        assertEquals(12, lines.size(), lines.keySet().toString());
        JsonNode plain = lines.get("b2/gptq/reconstruction/l0/s0");
        JsonNode cat = lines.get("b2/gptq+cat/reconstruction/l0/s0");
        assertEquals("gptq+cat", cat.get("solver_label").asText());
        assertEquals(plain.get("codes_sha256"), cat.get("codes_sha256"), "one rounding, corrected afterwards");
        assertEquals(8, cat.get("correction").get("clusters").asInt());
        assertTrue(cat.get("correction").get("calibration_error_after").asDouble()
                < cat.get("correction").get("calibration_error_before").asDouble(), cat.toString());
        assertFalse(plain.has("correction"));
        LoadedCheckpoint kept = Checkpoints.read(out.resolve("checkpoints")
                .resolve("b2_gptq+cat_reconstruction_l0_s0.safetensors"));
        assertEquals("cat", kept.correction().orElseThrow().method());
        String report = Files.readString(out.resolve("summary.md")) + Files.readString(out.resolve("report.html"));
        for (String method : List.of("nearest+affine", "nearest+cat", "gptq+affine", "gptq+cat")) {
            assertTrue(report.contains(method), method + " in the report");
        }
        Cli again = Cli.run("reproduce", out.resolve(RunFolder.RESULTS).toString(), "--variant",
                "b2/gptq+cat/reconstruction/l0/s0");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("OK ")
                && again.out().contains("; correction: 8 clusters, calibration error after "
                + cat.get("correction").get("calibration_error_after").asDouble()), again.out());
        // the correction is checked too, not only the codes it shares with the uncorrected variant
        Path results = out.resolve(RunFolder.RESULTS);
        String text = Files.readString(results);
        String recorded = "\"calibration_error_after\":" + cat.get("correction").get("calibration_error_after");
        assertTrue(text.contains(recorded), recorded);
        Files.writeString(results, text.replace(recorded, "\"calibration_error_after\":0.5"));
        Cli edited = Cli.run("reproduce", results.toString(), "--variant", "b2/gptq+cat/reconstruction/l0/s0");
        assertEquals(1, edited.exitCode(), edited.out());
        assertTrue(edited.out().startsWith("MISMATCH ") && edited.out().contains("calibration error after 0.5"),
                edited.out());
    }

    @Test
    void anUnknownCorrectionIsRefusedBeforeTraining() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), CONFIG.formatted("kat"));
        Path out = dir.resolve("bad");
        Cli r = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("corrections[1] (kat): unknown correction 'kat'. Maybe one of: none, affine, cat?"),
                r.err());
        assertFalse(Files.exists(out.resolve("model.safetensors")));
    }

    /** A PCA past the number of logits is known to be wrong once the data set is read, before any variant runs. */
    @Test
    void aPcaWiderThanTheLogitsIsRefusedBeforeTraining() throws IOException {
        Path config = Files.writeString(dir.resolve("pca.yaml"), CONFIG.replace("options: {clusters: \"8\"}",
                "options: {pca: \"50\"}").formatted("cat"));
        Path out = dir.resolve("pca");
        Cli r = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("corrections[1] (cat): correction cat option pca=50 is not valid: use 0 (no"
                + " PCA) to 10, the number of logits."), r.err());
        assertFalse(r.out().contains("[1/"), "no variant ran: " + r.out());
        assertFalse(Files.exists(out.resolve("model.safetensors")));
    }

}
