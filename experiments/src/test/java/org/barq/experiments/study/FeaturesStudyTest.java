package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.barq.api.InvalidInputException;
import org.barq.experiments.cli.BarqMain;
import org.barq.experiments.cli.Cli;
import org.barq.experiments.study.config.FeaturesStudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny features study through {@code barq run}: digits' inputs and last hidden layer, an MNIST entry whose files
 * are missing (reported as not run), the JSON, plots and report; and configs/features.yaml parses.
 */
class FeaturesStudyTest {
    @TempDir
    Path dir;

    @Test
    void aTinyDigitsStudyEndToEnd() throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, """
                description: tiny features study
                features:
                  c: [0.5]
                  bits: [2]
                  train_max: 300
                  test_max: 100
                  epochs: 2
                  mlp_hidden: [8]
                  datasets:
                    - dataset: {spec: digits}
                      model: {hidden: [16], epochs: 2}
                    - dataset: {spec: mnist, data_dir: %s}
                      layers: [inputs, last]
                """.formatted(dir.resolve("no-data")));
        Path out = dir.resolve("run");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BarqMain.execute(new PrintWriter(console, true), new PrintWriter(err, true), "run",
                config.toString(), "--out", out.toString());
        assertEquals(0, code, err + "\n" + console);
        JsonNode inputs = new ObjectMapper().readTree(out.resolve("features/digits-inputs.json").toFile());
        assertEquals(4, inputs.get("rows").size());
        JsonNode hidden = new ObjectMapper().readTree(out.resolve("features/digits-hidden_1.json").toFile());
        assertEquals(16, hidden.get("width").asInt());
        assertTrue(Files.exists(out.resolve("features/digits-hidden_1/fisher-ratio-vs-c.svg")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2>digits, hidden_1</h2>") && html.contains("Fisher ratio")
                && html.contains("<svg class=\"chart\""), "report shows tables and plots");
        assertTrue(html.contains("<h2>mnist, inputs</h2>") && html.contains("Not run"), "missing data is not run");
        assertTrue(html.contains("<h2>mnist, hidden_1</h2>"), "titled as a run one, not 'mnist, last'");
        assertTrue(html.contains("<p>Hidden layer 1 of 1 of the float model: what its next dense or conv layer takes")
                && html.contains("<p>The data set&#39;s features, scaled as a model trained on them takes them"), html);
        assertFalse(html.contains("Inputs scaled as the model takes them"), "said of a hidden layer too");
        for (String shown : List.of("config SHA-256", "barq version", "git commit", "data set SHA-256",
                "features: 0; split: {&quot;digits&quot;:0,")) {
            assertTrue(html.contains(shown), "provenance: " + shown + " in " + html);
        }
        assertTrue(Pattern.compile("digits: [0-9a-f]{64}").matcher(Files.readString(out.resolve("summary.md"))).find(), "the data set's checksum");
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("## digits, inputs") && md.contains("features/digits-inputs/accuracy-vs-error-knn1.svg"),
                md);
        assertFalse(Files.exists(out.resolve("results.jsonl")), "not a rounding study");

        // a features study starts over: the earlier run's files go aside, so none of them stays beside the new ones
        Files.writeString(config, Files.readString(config).replace("model: {hidden: [16], epochs: 2}",
                "model: {hidden: [16], epochs: 2}\n      layers: [inputs]"));
        StringWriter again = new StringWriter();
        assertEquals(0, BarqMain.execute(new PrintWriter(again, true), new PrintWriter(err, true), "run",
                config.toString(), "--out", out.toString()), err.toString());
        assertTrue(again.toString().contains("moved the earlier study in " + out + " to "), again.toString());
        assertFalse(Files.exists(out.resolve("features/digits-hidden_1.json")), "no stale representation");
        assertTrue(Files.exists(out.resolve("features/digits-inputs.json")));
    }

    @Test
    void aStudyNoneOfWhoseDataSetsCanBeReadIsRefusedAndWritesNothing() throws IOException {
        Path config = dir.resolve("none.yaml");
        Files.writeString(config, """
                features:
                  datasets:
                    - dataset: {spec: mnist, data_dir: %s}
                      layers: [inputs]
                """.formatted(dir.resolve("no-data")));
        Path out = dir.resolve("none");
        Path earlier = Files.createDirectories(out.resolve("features")).resolve("earlier.json");
        Files.writeString(earlier, "{}");
        Cli refused = Cli.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("none of the data sets of " + config + " could be read (mnist), so the"
                + " study has nothing to run; mnist: data set mnist: folder") && refused.err().contains("Maybe"),
                refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(Files.exists(out.resolve("config.resolved.yaml")) || Files.exists(out.resolve("report.html")),
                "nothing written");
        assertTrue(Files.exists(earlier), "an earlier run is left where it was");
        Cli jobs = Cli.run("run", config.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(2, jobs.exitCode());
        assertTrue(jobs.err().contains("--jobs runs a rounding study's variants side by side, and " + config
                + " is a features study"), jobs.err());
    }

    @Test
    void theShippedConfigParsesAndBadKeysAreNamed() throws IOException {
        Path shipped = Path.of("..", "configs", "features.yaml");
        FeaturesStudyConfig config = StudyConfigs.parse(Files.readString(shipped), shipped.toString(),
                FeaturesStudyConfig.class);
        assertEquals(5, config.features().datasets().size());
        assertTrue(StudyConfigs.isFeatures(Files.readString(shipped)));
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("features: {datasets: [{dataset: {spec: digits}, layers: [top]}]}", "x",
                        FeaturesStudyConfig.class));
        assertTrue(e.getMessage().contains("top") && e.getMessage().contains("Maybe"), e.getMessage());
        String deep = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("features: {datasets: [{dataset: {spec: digits}, model: {hidden: [32]},"
                        + " layers: [2]}]}", "x", FeaturesStudyConfig.class)).getMessage();
        assertTrue(deep.contains("layers[0] = 2: is not one of the model's 1 hidden layers"), deep);
        String twice = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("features: {datasets: [{dataset: {spec: digits}}, {dataset: {spec:"
                        + " digits}}]}", "x", FeaturesStudyConfig.class)).getMessage();
        assertTrue(twice.contains("features.datasets[1] = the same as [0]: appears twice"), twice);
        // a data folder the data set does not read was dropped; a relative csv: path is read from it
        String embedded = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("features: {datasets: [{dataset: {spec: digits, data_dir: /nonexist}}]}",
                        "x", FeaturesStudyConfig.class)).getMessage();
        assertTrue(embedded.contains("features.datasets[0].dataset.data_dir = /nonexist: digits is embedded in barq,"
                + " so data_dir has no effect. Maybe drop it?"), embedded);
        String absolute = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("features: {datasets: [{dataset: {spec: 'csv:/tmp/w.csv', data_dir: /d}}]}",
                        "x", FeaturesStudyConfig.class)).getMessage();
        assertTrue(absolute.contains("csv:/tmp/w.csv names its own file by an absolute path, so data_dir has no"
                + " effect"), absolute);
        assertEquals("/d", StudyConfigs.parse("features: {datasets: [{dataset: {spec: 'csv:w.csv', data_dir: /d}}]}",
                "x", FeaturesStudyConfig.class).features().datasets().get(0).dataset().dataDir());
    }
}
