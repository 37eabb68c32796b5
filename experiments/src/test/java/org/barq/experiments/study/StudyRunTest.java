package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.experiments.BarqModule;
import org.barq.experiments.cli.Cli;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny study end to end: the files of a run, resuming after a crash or a torn last line, identical codes whatever
 * the job count, refusing another config's folder, and {@code reproduce}.
 */
class StudyRunTest {
    private static final String CONFIG = """
            description: tiny study for tests
            dataset: {spec: digits}
            model: {train: {hidden: [16], epochs: 1, batch_size: 64}}
            bits: [4, 5]
            solvers:
              - name: nearest
              - name: coordinate-descent
                options: {order: random}
            objectives:
              - kind: reconstruction
              - kind: hinge
                lambdas: [1]
                bits: [4]
                solvers: [coordinate-descent]
            seeds: [0, 1]
            evaluation: {slice_grid: 16, interpolation_steps: 4}
            interpolation: {solver: coordinate-descent}
            outputs: {keep_checkpoints: best, plots: true}
            """;
    private static final int VARIANTS = 10;
    private static final List<String> LINE_KEYS = List.of("id", "index", "bits", "grid", "group_size", "solver",
            "solver_label", "solver_options", "time_limit_seconds", "objective", "seed", "layers", "r_total",
            "solve_seconds", "codes_sha256", "calibration", "test", "provenance");
    private static final List<String> LAYER_KEYS = List.of("layer", "out", "in", "variables", "fixed", "band_size",
            "r_rtn", "g_rtn", "j_rtn", "r", "g", "j", "steps", "seconds", "trace");

    @TempDir
    static Path dir;
    static Path config;
    static Path clean;
    static StudyRun cleanRun;

    @BeforeAll
    static void runTheStudyOnce() throws IOException {
        config = Files.writeString(dir.resolve("tiny.yaml"), CONFIG);
        clean = dir.resolve("clean");
        cleanRun = run(config, clean, 2, false, null);
    }

    static StudyRun run(Path configFile, Path out, int jobs, boolean forceNew, StudyListener listener) {
        Study study = Guice.createInjector(new BarqModule()).getInstance(Study.class);
        StringWriter console = new StringWriter();
        return study.run(configFile, new RunSettings(out, jobs, forceNew), new PrintWriter(console, true),
                listener != null ? listener : new Progress(new PrintWriter(console, true), false));
    }

    static Map<String, String> codes(Path out) {
        Map<String, String> codes = new TreeMap<>();
        ResultsFile.load(out.resolve(RunFolder.RESULTS)).forEach((id, line) -> codes.put(id,
                line.get("codes_sha256").asText()));
        return codes;
    }

    @Test
    void aRunWritesOneLinePerVariantWithTheDocumentedKeys() {
        assertEquals(VARIANTS, cleanRun.variants());
        assertEquals(VARIANTS, cleanRun.ran());
        Map<String, JsonNode> lines = ResultsFile.load(clean.resolve(RunFolder.RESULTS));
        assertEquals(VARIANTS, lines.size());
        List<String> ids = new ArrayList<>();
        for (JsonNode line : lines.values()) {
            assertEquals(LINE_KEYS, fieldNames(line));
            assertEquals(LAYER_KEYS, fieldNames(line.get("layers").get(0)));
            assertEquals(2, line.get("layers").size(), "one entry per layer of the [64, 16, 10] model");
            assertEquals(64, line.get("codes_sha256").asText().length());
            assertTrue(line.get("calibration").get("boundary_jaccard").isNumber());
            assertTrue(line.get("test").get("accuracy_rounded").isNumber());
            assertTrue(line.get("layers").get(0).get("trace").get(0).size() == 3, "[seconds, step, J]");
            assertTrue(line.get("solver_options").isObject());
            ids.add(line.get("id").asText());
        }
        assertTrue(ids.contains("b4/coordinate-descent/hinge/l1/s1"), ids.toString());
        JsonNode provenance = StudyJson.read(clean.resolve(RunFolder.PROVENANCE));
        for (JsonNode line : lines.values()) {
            for (String key : List.of("config_sha256", "model_sha256", "dataset_sha256", "version", "commit")) {
                assertEquals(provenance.get(key), line.get("provenance").get(key), key);
            }
        }
    }

    @Test
    void provenanceRecordsConfigSeedsChecksumsAndVersions() throws IOException {
        JsonNode p = StudyJson.read(clean.resolve(RunFolder.PROVENANCE));
        assertEquals(List.of("config_name", "config_path", "config_sha256", "created", "seeds", "dataset_sha256",
                "model_sha256", "version", "commit", "java", "os", "dataset", "model", "config"), fieldNames(p));
        assertEquals("tiny", p.get("config_name").asText());
        String resolved = Files.readString(clean.resolve("config.resolved.yaml"), StandardCharsets.UTF_8);
        assertEquals(StudyConfigs.sha256(resolved), p.get("config_sha256").asText());
        LoadedCheckpoint model = Checkpoints.read(clean.resolve("model.safetensors"));
        assertEquals(model.sha256(), p.get("model_sha256").asText());
        assertEquals("[0,1]", p.get("seeds").get("rounding").toString());
        assertEquals(System.getProperty("java.version"), p.get("java").asText());
        assertEquals(1077, p.get("dataset").get("train").asInt());
        assertEquals("1000", p.get("config").get("solvers").get(1).get("options").get("max-sweeps").asText(),
                "the resolved config holds the solvers' default options");
    }

    @Test
    void theAnalysesAfterTheVariantsAreWritten() {
        JsonNode stopping = StudyJson.read(clean.resolve("stopping.json"));
        List<String> reports = fieldNames(stopping).stream().filter(k -> stopping.get(k).has("candidates")).toList();
        assertEquals(List.of("nearest", "nearest/s1", "coordinate-descent", "coordinate-descent/s1"), reports,
                "one report per solver and seed");
        JsonNode first = stopping.get("nearest");
        assertEquals(0, first.get("seed").asInt());
        assertEquals(2, first.get("candidates").size());
        assertEquals(VARIANTS, first.get("n_variants").asInt(), "the correlation is over all variants");
        assertEquals(5, first.get("candidates").get(0).get("bits").asInt(), "highest bits first");
        assertEquals(VARIANTS, stopping.get("correlation").get("n_variants").asInt());
        assertTrue(stopping.get("correlation").get("by_solver").has("coordinate-descent"));
        JsonNode interpolation = StudyJson.read(clean.resolve("interpolation.json"));
        assertEquals(List.of("b4-b5"), fieldNames(interpolation));
        JsonNode pair = interpolation.get("b4-b5");
        assertEquals(4, pair.get("steps").asInt());
        assertEquals("b4/coordinate-descent/reconstruction/l0/s0", pair.get("low_id").asText());
        assertEquals("b5/coordinate-descent/reconstruction/l0/s0", pair.get("high_id").asText());
        for (JsonNode png : pair.get("plots")) {
            assertTrue(Files.exists(clean.resolve(png.asText())), png.asText());
        }
        JsonNode slices = StudyJson.read(clean.resolve("plots/slices.json")).get("slices");
        assertEquals(3, slices.size(), "nearest, coordinate-descent, and its strongest hinge, at 4 bits");
        assertTrue(Files.exists(clean.resolve(slices.get(0).get("files").get(0).asText())));
        assertTrue(Files.exists(clean.resolve("checkpoints")));
        assertEquals(2, clean.resolve("checkpoints").toFile().list().length, "the best variant of each bit width");
        assertTrue(Files.exists(clean.resolve("report.html")) && Files.exists(clean.resolve("summary.md")));
        assertTrue(cleanRun.written().contains("report.html"), cleanRun.written().toString());
    }

    @Test
    void aRunKilledMidWayResumesWithOnlyTheMissingVariantsAndOneJobGivesTheSameCodesAsTwo() {
        Path out = dir.resolve("crashed");
        AtomicInteger seen = new AtomicInteger();
        StudyListener crash = new StudyListener() {
            @Override
            public void started(int total, int finished) {
                assertEquals(0, finished);
            }

            @Override
            public void variantDone(Variant variant, Map<String, Object> line) {
                if (seen.incrementAndGet() == 4) {
                    throw new IllegalStateException("simulated crash after 4 variants");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> run(config, out, 1, false, crash));
        int before = codes(out).size();
        assertTrue(before >= 4 && before < VARIANTS, "lines kept: " + before);
        AtomicInteger ranAgain = new AtomicInteger();
        StudyRun resumed = run(config, out, 1, false, new StudyListener() {
            @Override
            public void started(int total, int finished) {
                assertEquals(before, finished);
            }

            @Override
            public void variantDone(Variant variant, Map<String, Object> line) {
                ranAgain.incrementAndGet();
            }
        });
        assertEquals(VARIANTS - before, resumed.ran());
        assertEquals(VARIANTS - before, ranAgain.get());
        assertEquals(codes(clean), codes(out), "one job after a crash gives the codes of two jobs in one go");
    }

    @Test
    void aTornLastLineIsIgnoredAndTheRestOfTheStudyRuns() throws IOException {
        Path out = dir.resolve("torn");
        Files.createDirectories(out);
        for (String f : List.of("provenance.json", "model.safetensors", "config.resolved.yaml")) {
            Files.copy(clean.resolve(f), out.resolve(f));
        }
        List<String> lines = Files.readAllLines(clean.resolve(RunFolder.RESULTS));
        String kept = String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 40);
        Files.writeString(out.resolve(RunFolder.RESULTS), kept);
        assertEquals(3, ResultsFile.load(out.resolve(RunFolder.RESULTS)).size(), "the partial line is ignored");
        StudyRun resumed = run(config, out, 2, false, null);
        assertEquals(VARIANTS - 3, resumed.ran());
        assertEquals(codes(clean), codes(out));
        List<String> after = Files.readAllLines(out.resolve(RunFolder.RESULTS));
        assertEquals(VARIANTS, after.size(), "the torn line was cut off, not kept");
        StudyRun again = run(config, out, 2, false, null);
        assertEquals(0, again.ran(), "a finished study runs nothing");
    }

    /** The viewer shows roundings at lambda 0; a study of surrogate roundings alone runs to its end without one. */
    @Test
    void aStudyWithoutARoundingAtLambdaZeroFinishesWithoutTheViewerAndSaysSo() throws IOException {
        Path surrogate = Files.writeString(dir.resolve("surrogate-only.yaml"), """
                dataset: {spec: digits}
                model: {train: {hidden: [8], epochs: 1}}
                bits: [4]
                solvers: [coordinate-descent]
                objectives: [{kind: gap, lambdas: [1]}]
                evaluation: {slice_grid: 16, interpolation_steps: 4}
                """);
        Path out = dir.resolve("surrogate-only");
        StringWriter console = new StringWriter();
        StudyRun run = Guice.createInjector(new BarqModule()).getInstance(Study.class).run(surrogate,
                new RunSettings(out, 1, false), new PrintWriter(console, true),
                new Progress(new PrintWriter(console, true), false));
        assertEquals(1, run.ran());
        assertTrue(console.toString().contains("note: no boundary viewer (view.html): it shows each solver's rounding"
                + " at lambda 0 of the first seed, and this study has none. Maybe add {kind: reconstruction} to"
                + " objectives?"), console.toString());
        // the hint named the pair [[4, 4]], which is refused: a pair is two adjacent widths
        assertTrue(console.toString().contains("note: no interpolation: it runs between neighbouring widths (b, b +"
                + " 1), and bits [4] has none. Maybe add 5 to bits, or interpolation: {enabled: false}?"),
                console.toString());
        assertFalse(Files.exists(out.resolve("view.html")));
        assertTrue(Files.exists(out.resolve("report.html")));
        assertFalse(Files.readString(out.resolve("report.html")).contains("view.html"), "no link to a missing page");
    }

    /** The cluster section of a config run without --cluster was dropped without a word. */
    @Test
    void aClusterNameInALocalRunIsNotedAndTheStudyRuns() throws IOException {
        String local = """
                dataset: {spec: digits}
                model: {train: {hidden: [8], epochs: 1}}
                bits: [4]
                solvers: [nearest]
                evaluation: {slice_grid: 16, interpolation_steps: 4}
                interpolation: {enabled: false}
                outputs: {plots: false}
                """;
        Path named = Files.writeString(dir.resolve("named.yaml"), local + "cluster: {name: lab-digits}\n");
        Cli r = Cli.run("run", named.toString(), "--out", dir.resolve("named").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("note: cluster.name lab-digits names the cluster of a"
                + " --cluster run, and this run is local, so it is not used. Maybe --cluster to run the study on it?")),
                r.out());
        Path plain = Files.writeString(dir.resolve("plain.yaml"), local);
        Cli without = Cli.run("run", plain.toString(), "--out", dir.resolve("plain").toString());
        assertEquals(0, without.exitCode(), without.err());
        assertFalse(without.out().contains("cluster.name"), without.out());
    }

    @Test
    void aFolderOfAnotherConfigIsRefusedUnlessForceNew() throws IOException {
        Path out = dir.resolve("other");
        Files.createDirectories(out);
        Files.copy(clean.resolve(RunFolder.PROVENANCE), out.resolve(RunFolder.PROVENANCE));
        Files.copy(clean.resolve(RunFolder.RESULTS), out.resolve(RunFolder.RESULTS));
        Path changed = Files.writeString(dir.resolve("changed.yaml"), CONFIG.replace("seeds: [0, 1]", "seeds: [0]"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(changed, out, 2, false, null));
        assertTrue(e.getMessage().contains("holds a study of another config") && e.getMessage().contains("--force-new"),
                e.getMessage());
        StudyRun fresh = run(changed, out, 2, true, null);
        assertEquals(VARIANTS / 2, fresh.ran(), "one seed instead of two");
        try (var entries = Files.list(out)) {
            assertTrue(entries.anyMatch(p -> p.getFileName().toString().startsWith("superseded-")));
        }
    }

    /**
     * evaluate of a kept checkpoint on the test split gives the results line's test metrics, keys and values, and
     * records beside them what it measured (a results line carries that in its provenance; evaluate's JSON had none).
     */
    @Test
    void evaluateOfAKeptCheckpointGivesItsLinesTestMetricsAndSaysWhatItMeasured() throws IOException {
        Path kept;
        try (var files = Files.list(clean.resolve("checkpoints"))) {
            kept = files.sorted().findFirst().orElseThrow();
        }
        String id = kept.getFileName().toString().replace(".safetensors", "").replace('_', '/');
        Path model = clean.resolve(Provenance.MODEL_FILE);
        Path json = dir.resolve("kept.json");
        Cli e = Cli.run("evaluate", "--model", model.toString(), "--rounded", kept.toString(), "--slice-grid", "16",
                "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode written = StudyJson.read(json);
        JsonNode line = ResultsFile.load(clean.resolve(RunFolder.RESULTS)).get(id);
        assertTrue(line != null, id);
        com.fasterxml.jackson.databind.node.ObjectNode metrics = written.deepCopy();
        JsonNode record = metrics.remove("provenance");
        assertTrue(record != null, "evaluate --json records what it measured: " + written);
        assertEquals(line.get("test"), metrics, "evaluate's metrics are the line's test metrics");
        assertEquals(List.of("model", "model_sha256", "rounded", "rounded_sha256", "dataset", "dataset_sha256",
                "split", "split_seed", "version", "commit"), fieldNames(record));
        assertEquals(model.toString(), record.get("model").asText());
        assertEquals(line.get("provenance").get("model_sha256"), record.get("model_sha256"));
        assertEquals(kept.toString(), record.get("rounded").asText());
        assertEquals(Checkpoints.read(kept).sha256(), record.get("rounded_sha256").asText());
        assertEquals("digits", record.get("dataset").asText());
        assertEquals(line.get("provenance").get("dataset_sha256"), record.get("dataset_sha256"));
        assertEquals("test", record.get("split").asText());
        assertEquals(0, record.get("split_seed").asInt());
        assertEquals(line.get("provenance").get("version"), record.get("version"));
        assertEquals(line.get("provenance").get("commit"), record.get("commit"));
    }

    @Test
    void reproduceReRunsAVariantAndChecksItsCodes() throws IOException {
        Path results = clean.resolve(RunFolder.RESULTS);
        Cli ok = Cli.run("reproduce", results.toString(), "--variant", "b4/coordinate-descent/hinge/l1/s1");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().startsWith("OK "), ok.out());
        assertEquals(0, Cli.run("reproduce", results.toString(), "--variant", "7").exitCode());

        Path tampered = dir.resolve("tampered");
        Files.createDirectories(tampered);
        for (String f : List.of("provenance.json", "model.safetensors")) {
            Files.copy(clean.resolve(f), tampered.resolve(f));
        }
        String text = Files.readString(results);
        String sha = ResultsFile.load(results).get("b4/nearest/reconstruction/l0/s0").get("codes_sha256").asText();
        Files.writeString(tampered.resolve(RunFolder.RESULTS), text.replace(sha, "0".repeat(64)));
        Cli mismatch = Cli.run("reproduce", tampered.resolve(RunFolder.RESULTS).toString(), "--variant", "0");
        assertEquals(1, mismatch.exitCode(), mismatch.err());
        assertTrue(mismatch.out().startsWith("MISMATCH 0 b4/nearest/reconstruction/l0/s0"), mismatch.out());
        // a line whose record of what it is was edited is refused, not passed on the strength of its codes
        String first = text.lines().filter(l -> l.contains("\"id\":\"b4/nearest/reconstruction/l0/s0\""))
                .findFirst().orElseThrow();
        assertTrue(first.contains("\"bits\":4,"), first);
        Files.writeString(tampered.resolve(RunFolder.RESULTS), text.replace(first, first.replace("\"bits\":4,",
                "\"bits\":5,")));
        Cli edited = Cli.run("reproduce", tampered.resolve(RunFolder.RESULTS).toString(), "--variant", "0");
        assertEquals(2, edited.exitCode(), edited.err());
        assertTrue(edited.err().contains("the line of variant 0 (b4/nearest/reconstruction/l0/s0) in ")
                && edited.err().contains(" records bits 5 where the run's config gives 4. Maybe the line was edited,"
                + " or comes from another run?"), edited.err());

        Cli bad = Cli.run("reproduce", results.toString(), "--variant", "b9/none");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("no variant 'b9/none'"), bad.err());
        assertNotEquals(0, Cli.run("reproduce", dir.resolve("nowhere/results.jsonl").toString(), "--variant", "0")
                .exitCode());
    }

    @Test
    void theCommandLineRunsTheSmokeConfigAndPrintsProgress() {
        Path out = dir.resolve("smoke");
        Cli r = Cli.run("run", Path.of("..", "configs", "smoke.yaml").toString(), "--out", out.toString(), "--jobs",
                "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("variants: 5 in the study, 0 already finished, 5 to run"), r.out());
        assertTrue(r.out().contains("[5/5] ") && r.out().contains("ETA"), r.out());
        assertTrue(r.out().contains("report.html"), r.out());
        assertFalse(r.out().contains("note: no interpolation"),
                "the smoke config has neighbouring widths, 3 and 4 bits");
        assertTrue(Files.exists(out.resolve("interpolation.json")));
        assertEquals(5, codes(out).size());
        Cli folder = Cli.run("reproduce", out.toString(), "--variant", "1");
        assertEquals(0, folder.exitCode(), folder.err());
        assertTrue(folder.out().startsWith("OK 1 "), "a run folder stands for its results.jsonl: " + folder.out());
        Cli mixed = Cli.run("run", Path.of("..", "configs", "features.yaml").toString(), "--out", out.toString());
        assertEquals(2, mixed.exitCode(), mixed.out());
        assertTrue(mixed.err().contains("holds a rounding study, and the config is a features study"), mixed.err());
        Cli bad = Cli.run("run", dir.resolve("missing.yaml").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("barq: error: config ") && bad.err().contains("does not exist"), bad.err());
    }


    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
