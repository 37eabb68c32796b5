package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.experiments.cli.BarqMain;
import org.barq.experiments.cli.Cli;
import org.barq.experiments.study.config.InputBitsStudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny input-bits study through {@code barq run}: digits at 1 and 2 bits, bitwise and uniform trained and quantile
 * post hoc, one seed; an MNIST entry
 * without files (not run); the results file, the resumed run and the report; and configs/input-bits.yaml parses.
 */
class InputBitsStudyTest {
    @TempDir
    Path dir;

    @Test
    void aTinyDigitsStudyEndToEndAndResumed() throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, """
                description: tiny input-bits study
                input_bits:
                  bits: [1, 2]
                  quantizers: [bitwise, uniform]
                  post_hoc: [quantile]
                  straight_through: true
                  seeds: [0]
                  datasets:
                    - dataset: {spec: digits}
                      model: {hidden: [8], epochs: 2}
                      feature_bits: [%s]
                    - dataset: {spec: mnist, data_dir: %s}
                """.formatted(alternating(64), dir.resolve("no-data")));
        Path out = dir.resolve("run");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BarqMain.execute(new PrintWriter(console, true), new PrintWriter(err, true), "run",
                config.toString(), "--out", out.toString());
        assertEquals(0, code, err.toString());
        // 1 float + 2 bits x (2 trained + bitwise straight-through + 1 post hoc) + the feature_bits point (bitwise
        // both ways and quantile: uniform has one width for all features)
        String results = Files.readString(out.resolve(InputBitsStudy.RESULTS));
        assertEquals(12, results.lines().count(), results);
        assertTrue(results.contains("\"quantizer\":\"bitwise\",\"mode\":\"straight-through\",\"widths\":\"2\""),
                results);
        assertTrue(results.contains("\"quantizer\":\"bitwise\",\"mode\":\"trained\",\"widths\":\"feature_bits[0]\""
                + ",\"bits\":1.5"), results);
        assertTrue(!results.contains("\"uniform\",\"mode\":\"trained\",\"widths\":\"feature_bits"), results);
        assertTrue(results.contains("\"quantizer\":\"bitwise\",\"mode\":\"trained\",\"widths\":\"2\",\"bits\":2,"),
                results);
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("feature_bits[0]: 1.5 bits (21.3x)"), summary);
        assertTrue(summary.contains("bitwise (trained)") && summary.contains("bitwise (straight-through)")
                && summary.contains("quantile (post-hoc)")
                && summary.contains("2 bits (16x)") && summary.contains("Not run"), summary);
        String html = Files.readString(out.resolve("report.html"));
        // the float model is a dashed grey reference line, in the legend too
        assertTrue(html.contains("<svg") && html.contains("stroke=\"#999999\" stroke-width=\"1.8\" stroke-dasharray")
                && html.contains("stroke=\"#999999\" stroke-width=\"3\" stroke-dasharray"), html);
        StringWriter again = new StringWriter();
        assertEquals(0, BarqMain.execute(new PrintWriter(again, true), new PrintWriter(err, true), "run",
                config.toString(), "--out", out.toString()));
        assertEquals(results.replace("\n", ""), Files.readString(out.resolve(InputBitsStudy.RESULTS))
                .replace("\n", ""));
        assertTrue(!again.toString().contains("bitwise        trained"), again.toString());
        // nothing left to run: not even the float model, which only the post-hoc rows would need
        assertTrue(!again.toString().contains(" 32 bits "), again.toString());
        // the provenance in a rounding study report's words
        assertTrue(summary.contains("| config SHA-256 |") && summary.contains("| data set SHA-256 | digits: ")
                && summary.contains("| git commit |") && summary.contains("| seeds | training: [0]; split: {"),
                summary);

        // rows of other data files would be averaged with these: refused in one line, the results left as they were
        String tampered = results.replaceFirst("\"dataset_sha256\":\"[0-9a-f]+\"", "\"dataset_sha256\":\"0123abcd\"");
        Files.writeString(out.resolve(InputBitsStudy.RESULTS), tampered);
        StringWriter refused = new StringWriter();
        assertEquals(2, BarqMain.execute(new PrintWriter(console, true), new PrintWriter(refused, true), "run",
                config.toString(), "--out", out.toString()));
        assertTrue(refused.toString().contains("data set digits with sha256 0123abcd"), refused.toString());
        assertEquals(1, refused.toString().strip().lines().count(), refused.toString());
        assertEquals(tampered, Files.readString(out.resolve(InputBitsStudy.RESULTS)));

        // another config's rows would be taken as done: refused, unless --force-new moves the study aside
        Path changed = Files.writeString(dir.resolve("changed.yaml"), Files.readString(config).replace("epochs: 2",
                "epochs: 1"));
        StringWriter other = new StringWriter();
        assertEquals(2, BarqMain.execute(new PrintWriter(console, true), new PrintWriter(other, true), "run",
                changed.toString(), "--out", out.toString()));
        assertTrue(other.toString().contains("holds an input-bits study of another config") && other.toString()
                .contains("Maybe another --out, or --force-new"), other.toString());
        assertEquals(tampered, Files.readString(out.resolve(InputBitsStudy.RESULTS)));
        StringWriter jobs = new StringWriter();
        assertEquals(2, BarqMain.execute(new PrintWriter(console, true), new PrintWriter(jobs, true), "run",
                changed.toString(), "--out", out.toString(), "--jobs", "2"));
        assertTrue(jobs.toString().contains("--jobs runs a rounding study's variants side by side"), jobs.toString());
        StringWriter fresh = new StringWriter();
        assertEquals(0, BarqMain.execute(new PrintWriter(fresh, true), new PrintWriter(err, true), "run",
                changed.toString(), "--out", out.toString(), "--force-new"), err.toString());
        assertTrue(fresh.toString().contains("moved the earlier study in " + out), fresh.toString());
        assertTrue(fresh.toString().contains("bitwise        trained"), "run again: " + fresh);
        try (var aside = Files.list(out)) {
            Path superseded = aside.filter(p -> p.getFileName().toString().startsWith("superseded-")).findFirst()
                    .orElseThrow();
            assertEquals(tampered, Files.readString(superseded.resolve(InputBitsStudy.RESULTS)));
        }
    }

    @Test
    void featureBitsOfAnotherLengthThanTheFeaturesAreRefusedInOneLine() throws IOException {
        Path config = dir.resolve("short.yaml");
        Files.writeString(config, """
                input_bits:
                  bits: [1]
                  quantizers: [bitwise]
                  seeds: [0]
                  datasets:
                    - dataset: {spec: digits}
                      model: {hidden: [8], epochs: 1}
                      feature_bits: [[1, 2, 3]]
                """);
        StringWriter err = new StringWriter();
        assertEquals(2, BarqMain.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "run",
                config.toString(), "--out", dir.resolve("short").toString()));
        assertTrue(err.toString().contains("config " + config + ": input_bits.datasets[0].feature_bits[0] gives 3"
                + " widths but the data set digits has 64 features. Maybe one width per feature, 64 in all?"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        // refused before the resolved config is written, so that the corrected config runs in the same folder
        assertFalse(Files.exists(dir.resolve("short").resolve("config.resolved.yaml")), "nothing written");
    }

    @Test
    void aStudyNoneOfWhoseDataSetsCanBeReadIsRefusedAndWritesNothing() throws IOException {
        Path config = dir.resolve("none.yaml");
        Files.writeString(config, """
                input_bits:
                  datasets:
                    - dataset: {spec: "csv:%s"}
                """.formatted(dir.resolve("absent.csv")));
        Path out = dir.resolve("none");
        Cli refused = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("none of the data sets of " + config + " could be read (absent), so the"
                + " study has nothing to run; absent: "), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(Files.exists(out.resolve("config.resolved.yaml")) || Files.exists(out.resolve(
                InputBitsStudy.RESULTS)), "nothing written");
    }

    @Test
    void aDecayOutsideItsRangeNamesTheConfigKey() throws IOException {
        Path config = Files.writeString(dir.resolve("decay.yaml"), """
                input_bits:
                  decay: 0
                  datasets:
                    - dataset: {spec: digits}
                """);
        Cli refused = Cli.run("run", config.toString(), "--out", dir.resolve("decay").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("input_bits.decay = 0.0: is outside (0, 1]. Maybe 1e-3, the default?"),
                refused.err());
    }

    @Test
    void straightThroughWithoutBitwiseIsRefusedInOneLine() throws IOException {
        Path config = dir.resolve("straight.yaml");
        Files.writeString(config, """
                input_bits:
                  quantizers: [uniform]
                  straight_through: true
                  datasets:
                    - dataset: {spec: digits}
                """);
        StringWriter err = new StringWriter();
        assertEquals(2, BarqMain.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "run",
                config.toString(), "--out", dir.resolve("straight").toString()));
        assertTrue(err.toString().contains("straight_through") && err.toString().contains("Maybe add bitwise"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    /** A sweep with no data set ran and wrote an empty report; a features study refuses it. */
    @Test
    void aSweepWithoutDataSetsIsRefusedAndWritesNothing() throws IOException {
        Path config = Files.writeString(dir.resolve("empty.yaml"), "input_bits:\n  datasets: []\n");
        Path out = dir.resolve("empty");
        Cli refused = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("config " + config + ": input_bits.datasets = []: the list is empty. Maybe"
                + " datasets: [{dataset: {spec: digits}}]?"), refused.err());
        assertFalse(Files.exists(out.resolve("report.html")) || Files.exists(out.resolve("config.resolved.yaml")),
                "nothing written");
    }

    /**
     * Rows are keyed by the data set's name: a second entry of it (another model) was taken as done, its rows dropped
     * without a word. The features study names its files by it, so there the second overwrote the first's.
     */
    @Test
    void twoEntriesOfOneDataSetAreRefusedAndWriteNothing() throws IOException {
        Path config = Files.writeString(dir.resolve("twice.yaml"), "input_bits:\n  datasets:\n"
                + "    - dataset: {spec: digits}\n      model: {hidden: [16]}\n"
                + "    - dataset: {spec: digits}\n      model: {hidden: [32]}\n");
        Path out = dir.resolve("twice");
        Cli refused = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("config " + config + ": input_bits.datasets[1] (digits) and"
                + " input_bits.datasets[0] (digits) are both named digits, by which the study names its files and"
                + " rows, so one would replace the other. Maybe one entry per data set, and another study for the"
                + " other model?"), refused.err());
        assertFalse(Files.exists(out), "nothing written");
        Path features = Files.writeString(dir.resolve("twice-features.yaml"), "features:\n  datasets:\n"
                + "    - dataset: {spec: digits}\n      layers: [last]\n      model: {hidden: [16]}\n"
                + "    - dataset: {spec: digits}\n      layers: [last]\n      model: {hidden: [32]}\n");
        Cli twice = Cli.run("run", features.toString(), "--out", dir.resolve("twice-f").toString());
        assertEquals(2, twice.exitCode(), twice.out());
        assertTrue(twice.err().contains("features.datasets[1] (digits) and features.datasets[0] (digits) are both"
                + " named digits"), twice.err());
        assertFalse(Files.exists(dir.resolve("twice-f")), "nothing written");
    }

    /** Values that nothing reads were run without them, results identical: refused, as barq train refuses them. */
    @Test
    void valuesNothingWouldReadAreRefusedNamingTheKey() {
        String digits = "  datasets:\n    - dataset: {spec: digits}\n";
        assertEquals("config d.yaml: input_bits.decay = 0.5: cools the bitwise quantizer's soft thermometer, and"
                + " quantizers [uniform, quantile] has none. Maybe add bitwise to quantizers, or leave decay out?",
                refusal("input_bits:\n  quantizers: [uniform, quantile]\n  decay: 0.5\n" + digits));
        assertEquals("config d.yaml: input_bits.datasets[0].model.seed = 4: the sweep's seeds seed every network of"
                + " the study, so this one would be ignored. Maybe input_bits: {seeds: [4]}, or leave seed out?",
                refusal("input_bits:\n  datasets:\n    - dataset: {spec: digits}\n      model: {seed: 4}\n"));
        assertTrue(refusal("input_bits:\n  post_hoc: [quantile, quantile]\n" + digits).contains(
                "input_bits.post_hoc[1] = quantile: appears twice in the list."));
        assertTrue(refusal("input_bits:\n  quantizers: [uniform]\n  post_hoc: [uniform]\n" + digits
                + "      feature_bits: [[2, 3]]\n").contains("input_bits.datasets[0].feature_bits[0] = [2, 3]: gives"
                + " each feature its own width, which uniform levels (one width for all features) cannot take"));
        // the defaults, which a resolved config spells out, are taken; and an empty post_hoc is how to ask for none
        InputBitsStudyConfig c = StudyConfigs.parse("input_bits:\n  quantizers: [uniform]\n  decay: 0.001\n"
                + "  post_hoc: []\n  datasets:\n    - dataset: {spec: digits}\n      model: {seed: 0}\n", "d.yaml",
                InputBitsStudyConfig.class);
        assertEquals(List.of(), c.inputBits().postHoc());
        assertEquals(c, StudyConfigs.parse(StudyConfigs.toYaml(c), "resolved", InputBitsStudyConfig.class));
    }

    private static String refusal(String yaml) {
        return assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(yaml, "d.yaml",
                InputBitsStudyConfig.class)).getMessage();
    }

    /** @return {@code [1, 2, 1, 2, ...]} of {@code n} widths */
    private static String alternating(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(1 + i % 2);
        }
        return b.append(']').toString();
    }

    @Test
    void theShippedConfigParses() {
        Path shipped = Path.of("..", "configs", "input-bits.yaml");
        InputBitsStudyConfig c = StudyConfigs.parse(StudyConfigs.text(shipped), shipped.toString(),
                InputBitsStudyConfig.class);
        assertEquals(5, c.inputBits().datasets().size());
        assertEquals(3, c.inputBits().seeds().size());
        Path mnist = Path.of("..", "configs", "input-bits-mnist-2bit.yaml");
        assertEquals(3, StudyConfigs.parse(StudyConfigs.text(mnist), mnist.toString(), InputBitsStudyConfig.class)
                .inputBits().seeds().size());
    }
}
