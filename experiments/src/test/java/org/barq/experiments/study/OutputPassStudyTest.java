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
import org.barq.experiments.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study whose solver entry has an {@code output_pass}: its choices in the line, R in the report, a re-run. */
class OutputPassStudyTest {
    private static final String CONFIG = """
            description: output pass study for tests
            dataset: {spec: digits, calibration_max: 12000}
            model: {train: {hidden: [16, 12], epochs: 3, batch_size: 64}}
            bits: [3]
            solvers:
              - name: gptq
              - name: gptq
                label: boundary-aware
                output_pass: {lambdas: [0, 3], folds: 2, matching: layers}
              - name: gptq
                label: logits
                output_pass: {lambdas: [0, 3], folds: 2, matching: logits}
            evaluation: {slice_grid: 16, interpolation_steps: 4}
            stopping: {enabled: false}
            interpolation: {enabled: false}
            outputs: {keep_checkpoints: none, plots: false}
            """;

    @TempDir
    Path dir;

    @Test
    void theLineRecordsThePassAndItsChoiceTheReportTheSummedReconstructionAndTheVariantReRuns() throws IOException {
        Path config = Files.writeString(dir.resolve("p.yaml"), CONFIG);
        Path out = dir.resolve("p");
        Cli r = Cli.run("run", config.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("note: the output pass fits 270 calibration samples;")
                && r.out().contains("The data set gives no more. Maybe use a data set with more samples?"),
                r.out());
        // the config asks for 12000 already; digits has no more to give, and the run says so
        assertTrue(r.out().contains("note: the calibration split holds 270 samples, fewer than dataset.calibration_max"
                + " 12000 asks for"), r.out());
        Map<String, JsonNode> lines = ResultsFile.load(out.resolve(RunFolder.RESULTS));
        JsonNode gptq = lines.get("b3/gptq/reconstruction/l0/s0");
        JsonNode pass = lines.get("b3/boundary-aware/reconstruction/l0/s0");
        assertFalse(gptq.has("output_pass"));
        double layers = 0;
        for (JsonNode layer : gptq.get("layers")) {
            layers += layer.get("r").asDouble();
        }
        assertEquals(layers, gptq.get("r_total").asDouble(), 1e-9 * layers, "without a pass R is the layers' sum");
        JsonNode p = pass.get("output_pass");
        assertEquals(2, p.get("folds").asInt());
        assertEquals(2, p.get("cross_validation").size());
        double lambda = p.get("lambda").asDouble();
        assertTrue(lambda == 0 || lambda == 3, p.toString());
        double first = pass.get("layers").get(0).get("r").asDouble();
        assertEquals(first + p.get("r_after").asDouble(), pass.get("r_total").asDouble(), 1e-9,
                "the first layer's R and the pass's R of the last two");
        assertEquals(gptq.get("r_total").asDouble(), first + p.get("r_before").asDouble(), 1e-6,
                "the pass starts from the gptq rounding");
        assertEquals("layers", p.get("matching").asText());
        JsonNode logits = lines.get("b3/logits/reconstruction/l0/s0").get("output_pass");
        assertEquals("logits", logits.get("matching").asText());
        for (JsonNode q : new JsonNode[] {p, logits}) {
            JsonNode parts = q.get("r_layers_after");
            assertEquals(q.get("r_after").asDouble(), parts.get(0).asDouble() + parts.get(1).asDouble(), 1e-9,
                    q.toString());
        }
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("Summed reconstruction R of all layers"), summary);
        assertTrue(summary.contains("boundary-aware"), summary);
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("reconstruction R of the last layer"), "the logits' R has its table");
        assertTrue(p.get("expected_flip_ratio").asDouble() > 0, p.toString());
        assertTrue(report.contains("Expected band pair-order flip on unseen data, x the output pass&#39;s start"),
                "the cross-validation's expectation has its table");
        Cli again = Cli.run("reproduce", out.resolve(RunFolder.RESULTS).toString(), "--variant",
                "b3/boundary-aware/reconstruction/l0/s0");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("OK "), again.out());
    }

    @Test
    void aStudyWithoutAnOutputPassSaysNothingOfItsCalibrationSize() throws IOException {
        String plain = CONFIG.substring(0, CONFIG.indexOf("  - name: gptq\n    label: boundary-aware"))
                + CONFIG.substring(CONFIG.indexOf("evaluation:"));
        Path config = Files.writeString(dir.resolve("plain.yaml"), plain.replace(", calibration_max: 12000", ""));
        Cli r = Cli.run("run", config.toString(), "--out", dir.resolve("plain").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("note:") && l.contains("calibration")), r.out());
    }

    @Test
    void anUnknownMatchingIsRefusedInOneLineNamingTheKey() throws IOException {
        Cli r = runEdited("bad", "matching: logits", "matching: blocks");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("matching") && r.err().contains("blocks")
                && r.err().contains("Maybe layers or logits"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anOutputPassOnAConvolutionalNetworkIsRefusedBeforeTraining() throws IOException {
        Cli r = runEdited("cnn", "{train: {hidden: [16, 12], epochs: 3,",
                "{train: {arch: \"conv(4,k3)-relu-flatten-dense(10)\", epochs: 3,");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the output pass needs its last two weight layers to be dense"), r.err());
        assertFalse(r.out().contains("epoch"), "refused before training: " + r.out());
    }

    /**
     * The folds are dealt from the calibration split, whose size is known once the data are split: more folds than
     * samples were refused only when the first variant ran, after the model was trained and the run folder written,
     * and the corrected config was then refused in that folder as another config's.
     */
    @Test
    void moreFoldsThanCalibrationSamplesAreRefusedBeforeTrainingAndWriteNothing() throws IOException {
        Files.createDirectories(dir.resolve("folds"));
        Cli r = runEdited("folds", "folds: 2, matching: layers", "folds: 1000, matching: layers");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("solvers[1].output_pass.folds = 1000: the cross-validation deals the calibration"
                + " split's 270 samples into folds, so at most 270 can be dealt. Maybe folds: 3?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.out().contains("epoch"), "refused before training: " + r.out());
        try (var files = Files.list(dir.resolve("folds"))) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
        Cli forced = Cli.run("run", dir.resolve("folds.yaml").toString(), "--out", dir.resolve("folds").toString(),
                "--force-new");
        assertEquals(2, forced.exitCode(), forced.err());
        assertFalse(forced.out().contains("moved the earlier study"), "nor moved aside: " + forced.out());
    }

    /** Runs the test config with {@code from} replaced by {@code to}, in its own folder {@code name}. */
    private Cli runEdited(String name, String from, String to) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), CONFIG.replace(from, to));
        return Cli.run("run", config.toString(), "--out", dir.resolve(name).toString());
    }

}
