package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quantize --correction} on a small digits model: fitted, stored, evaluated corrected beside uncorrected. */
class CorrectionCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("digits-32.safetensors");
        Cli r = Cli.run("train", "--dataset", "digits", "--hidden", "32", "--epochs", "5", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Cli quantize(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("quantize", "--model", model.toString(), "--bits", "2",
                "--solver", "gptq", "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void catIsStoredWithItsProvenanceAndEvaluateReportsBothModels() throws Exception {
        Path out = dir.resolve("cat.safetensors");
        Cli q = quantize(out, "--correction", "cat", "--correction-option", "clusters=8");
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(q.out().contains("cat correction (8 clusters, alpha 0.4): calibration ||z_f - z||^2 per sample"),
                q.out());
        LoadedCheckpoint read = Checkpoints.read(out);
        assertEquals(8, read.correction().orElseThrow().clusters());
        assertEquals("cat", read.metadata().get(Checkpoints.CORRECTION));
        assertEquals("{\"clusters\":\"8\"}", read.metadata().get("barq.correction.options"));
        assertEquals("0", read.metadata().get("barq.correction.seed"));

        Path again = dir.resolve("cat-again.safetensors");
        assertEquals(0, quantize(again, "--correction", "cat", "--correction-option", "clusters=8").exitCode());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again), "same seed, same bytes");

        Path json = dir.resolve("cat.json");
        Cli e = Cli.run("evaluate", "--model", model.toString(), "--rounded", out.toString(), "--slice-grid", "24",
                "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("corrected") && e.out().contains("| uncorrected"), e.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("cat", report.get("correction").get("method").asText());
        assertTrue(report.get("uncorrected").has("accuracy_rounded"), report.toString());

        Path plain = dir.resolve("plain.safetensors");
        assertEquals(0, quantize(plain).exitCode());
        Path plainJson = dir.resolve("plain.json");
        assertEquals(0, Cli.run("evaluate", "--model", model.toString(), "--rounded", plain.toString(),
                "--slice-grid", "24", "--json", plainJson.toString()).exitCode());
        JsonNode plainReport = new ObjectMapper().readTree(plainJson.toFile());
        assertEquals(plainReport.get("accuracy_rounded"), report.get("uncorrected").get("accuracy_rounded"),
                "the uncorrected column is the plain rounded model");
        assertFalse(plainReport.has("uncorrected"));
    }

    @Test
    void stopJudgesEachWidthWithItsCorrection() throws Exception {
        Path json = dir.resolve("stop.json");
        Cli r = Cli.run("stop", "--model", model.toString(), "--max-bits", "3", "--min-bits", "2", "--solver",
                "nearest", "--correction", "affine", "--slice-grid", "16", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("by accuracy (calibration accuracy within"), r.out());
        assertTrue(r.out().contains("rounding " + model + " at 3 to 2 bits with nearest, objective reconstruction,"
                + " then the affine correction {}"), r.out());
        // what was rounded, so that stop runs at other settings can be told apart
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("nearest", report.get("solver").asText());
        assertEquals("reconstruction", report.get("objective").asText());
        assertEquals("affine", report.get("correction").asText());
        assertEquals(Checkpoints.read(model).sha256(), report.get("model_sha256").asText());
        assertTrue(report.has("candidates"), report.toString());
    }

    @Test
    void interpolateBlendsTheCorrectedEnds() throws Exception {
        Path low = dir.resolve("i2.safetensors");
        Path high = dir.resolve("i3.safetensors");
        assertEquals(0, quantize(low, "--correction", "affine").exitCode());
        assertEquals(0, Cli.run("quantize", "--model", model.toString(), "--bits", "3", "--solver", "gptq", "--out",
                high.toString()).exitCode());
        Path json = dir.resolve("i.json");
        Cli r = Cli.run("interpolate", "--model", model.toString(), "--low", low.toString(), "--high",
                high.toString(), "--slice-grid", "24", "--steps", "4", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(low + " stores the affine correction (1 cluster, alpha 0.4): the path blends"),
                r.out());
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertEquals("affine", written.get("low_correction").asText(), written.toString());
        assertTrue(written.get("high_correction").isNull(), written.toString());
        assertEquals(Checkpoints.read(low).sha256(), written.get("low_sha256").asText());
    }

    @Test
    void anUnknownCorrectionOrOptionIsRefusedInOneLineBeforeRounding() {
        Path out = dir.resolve("bad.safetensors");
        Cli name = quantize(out, "--correction", "kat");
        assertEquals(2, name.exitCode(), name.err());
        assertEquals(List.of("barq: error: unknown correction 'kat'. Maybe one of: none, affine, cat?"),
                name.err().lines().filter(l -> !l.isBlank()).toList());
        Cli option = quantize(out, "--correction", "affine", "--correction-option", "clusters=3");
        assertEquals(2, option.exitCode(), option.err());
        assertTrue(option.err().contains("correction affine has no option 'clusters'. Maybe one of: alpha?"),
                option.err());
        Cli orphan = quantize(out, "--correction-option", "alpha=0.5");
        assertEquals(2, orphan.exitCode(), orphan.err());
        assertTrue(orphan.err().contains("were given without a correction. Maybe add --correction cat?"),
                orphan.err());
        assertFalse(Files.exists(out));
        assertFalse(name.out().contains("rounding"), name.out());
    }
}
