package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barq.cluster.ClusterOptions;
import org.barq.cluster.ClusterWorker;
import org.barq.cluster.TaskRefusedException;
import org.barq.experiments.BarqModule;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on a cluster: two members in one JVM write the lines of a local run (timings and member names aside), and
 * a worker in a second JVM killed with SIGKILL mid-run loses nothing: every variant is in {@code results.jsonl}
 * exactly once, with the codes of the local run; a member given a task rounds it as the local run did, and refuses the
 * study when its data set's checksum differs.
 */
class ClusterStudyTest {
    private static final String VARIANT = "b4/adaround/reconstruction/l0/s1";
    private static final String CONFIG = """
            description: tiny cluster study for tests
            dataset: {spec: digits}
            model: {train: {hidden: [16], epochs: 1, batch_size: 64}}
            bits: [4, 5]
            solvers:
              - name: nearest
              - name: coordinate-descent
                options: {order: random}
              - name: adaround
                options: {iterations: 1500}
            seeds: [0, 1]
            evaluation: {slice_grid: 16, interpolation_steps: 4}
            interpolation: {solver: nearest}
            outputs: {keep_checkpoints: ["b4/**"], plots: false}
            cluster: {name: barq-test-config}
            """;
    private static final int VARIANTS = 12;
    private static final Set<String> TIMINGS = Set.of("seconds", "solve_seconds", "trace", "member");

    @TempDir
    static Path dir;
    static Path config;
    static Path local;

    @BeforeAll
    static void runTheStudyLocally() throws IOException {
        config = Files.writeString(dir.resolve("tiny-cluster.yaml"), CONFIG);
        local = dir.resolve("local");
        StudyRunTest.run(config, local, 2, false, null);
    }

    @Test
    void twoMembersInOneJvmWriteTheLinesOfALocalRun() throws Exception {
        Injector injector = Guice.createInjector(new BarqModule());
        List<String> workerLog = new CopyOnWriteArrayList<>();
        VariantHandler handler = new VariantHandler(injector.getInstance(SequentialRounding.class),
                injector.getInstance(LogitCorrections.class), workerLog::add);
        int port = 5841;
        Path out = dir.resolve("two-members");
        String name = StudyConfigs.read(config).cluster().name();
        try (ClusterWorker worker = ClusterWorker.start(new ClusterOptions(name, "127.0.0.1", port + 1, 10,
                "127.0.0.1:" + port, 1), handler, workerLog::add)) {
            StudyListener waitForTheWorker = new Quiet() {
                @Override
                public void running(SortedMap<String, Integer> perMember) {
                    awaitJoined(worker);
                }
            };
            runClustered(out, name, port, waitForTheWorker);
        }
        assertEquals(normalised(local), normalised(out));
        Set<String> members = new TreeSet<>();
        ResultsFile.load(out.resolve(RunFolder.RESULTS)).values().forEach(l -> members.add(l.get("member").asText()));
        assertEquals(Set.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1)), members, workerLog.toString());
        assertEquals(fileNames(local.resolve("checkpoints")), fileNames(out.resolve("checkpoints")));
        assertEquals(StudyRunTest.codes(local), StudyRunTest.codes(out));
        // the report says which member ran each variant; a local run's report has no such section
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("## Where the variants ran") && summary.contains("| 127.0.0.1:" + port + " | ")
                && summary.contains("| 127.0.0.1:" + (port + 1) + " | "), summary);
        assertTrue(Files.readString(out.resolve("report.html")).contains("id=\"members\""));
        assertFalse(Files.readString(local.resolve("summary.md")).contains("Where the variants ran"));
    }

    @Test
    void aWorkerJvmKilledMidVariantLosesNothingAndNoVariantIsRecordedTwice() throws Exception {
        int port = 5861;
        String name = "barq-test-kill";
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.barq.experiments.cli.BarqMain", "worker",
                "--join", "127.0.0.1:" + port, "--threads", "1", "--cluster-name", name, "--interface", "127.0.0.1")
                .redirectErrorStream(true).start();
        List<String> workerLog = new CopyOnWriteArrayList<>();
        CountDownLatch joined = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger ranBeforeKill = new AtomicInteger(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    workerLog.add(line);
                    if (line.contains("joined cluster")) {
                        joined.countDown();
                    } else if (line.startsWith("worker: ran ")) {
                        ran.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                workerLog.add("reader: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        Path out = dir.resolve("killed-worker");
        List<String> killedAt = new ArrayList<>();
        try {
            StudyListener killer = new Quiet() {
                @Override
                public void running(SortedMap<String, Integer> perMember) {
                    try {
                        assertTrue(joined.await(60, TimeUnit.SECONDS), "the worker joined: " + workerLog);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    int onWorker = perMember.getOrDefault("127.0.0.1:" + (port + 1), 0);
                    if (onWorker > 0 && killedAt.isEmpty()) {
                        // Its first variant was just sent: let it start, then SIGKILL the JVM. A warm worker has
                        // finished a digits variant within a second (a CI run saw "ran ... in 0:01" before the kill),
                        // so the kill comes after 200 ms, well inside the variant.
                        killedAt.add(perMember.toString());
                        Thread kill = new Thread(() -> {
                            sleep(200);
                            ranBeforeKill.set(ran.get());
                            worker.destroyForcibly();
                        });
                        kill.start();
                    }
                }
            };
            runClustered(out, name, port, killer);
        } finally {
            worker.destroyForcibly();
            worker.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(1, killedAt.size(), "killed with a variant running on it: " + workerLog);
        assertEquals(0, ranBeforeKill.get(), "killed before it finished its variant: " + workerLog);
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(RunFolder.RESULTS), StandardCharsets.UTF_8)) {
            JsonNode node = StudyJson.read(writeLine(line));
            ids.add(node.get("id").asText());
            assertEquals("127.0.0.1:" + port, node.get("member").asText(), "its variant was redone here");
        }
        assertEquals(VARIANTS, ids.size(), "one line per variant: " + ids);
        assertEquals(VARIANTS, new TreeSet<>(ids).size(), "no variant twice: " + ids);
        assertEquals(StudyRunTest.codes(local), StudyRunTest.codes(out));
    }

    @Test
    void aMemberRoundsAVariantAsTheLocalRunDidAndRefusesOtherData() throws IOException {
        Injector injector = Guice.createInjector(new BarqModule());
        List<String> log = new ArrayList<>();
        SequentialRounding rounding = injector.getInstance(SequentialRounding.class);
        VariantHandler handler = new VariantHandler(rounding, injector.getInstance(LogitCorrections.class), log::add);
        String yaml = resolvedYaml();
        SortedMap<String, String> sources = VariantHandler.pluginSources(rounding,
                injector.getInstance(LogitCorrections.class), StudyConfigs.parse(yaml, "test"));
        assertEquals("built in", sources.get("solver adaround"), sources.toString());
        VariantTask task = task(yaml, true, sources);

        VariantTask.Result result = VariantTask.Result.decode(handler.handle(task.encode()));
        assertEquals(strip(recordedLine().deepCopy()), strip(StudyJson.read(writeLine(result.line()))));
        assertTrue(result.checkpoint() != null && result.checkpoint().length > 0, "the kept checkpoint's bytes");

        VariantTask otherData = new VariantTask(yaml, task.variant(), "0".repeat(64), task.modelSha256(),
                task.model(), task.provenance(), false, sources);
        TaskRefusedException refused = assertThrows(TaskRefusedException.class,
                () -> handler.handle(otherData.encode()));
        assertTrue(refused.getMessage().startsWith("data set digits has sha256 "), refused.getMessage());
        assertTrue(log.get(log.size() - 1).startsWith("refusing the study's variants: data set digits"), log.toString());
    }

    @Test
    void aMemberRefusesAStudyWhosePlugInsItLacksOrHasInAnotherVersion() throws IOException {
        Injector injector = Guice.createInjector(new BarqModule());
        SequentialRounding rounding = injector.getInstance(SequentialRounding.class);
        VariantHandler handler = new VariantHandler(rounding, injector.getInstance(LogitCorrections.class),
                line -> { });
        String yaml = resolvedYaml();
        SortedMap<String, String> sources = new TreeMap<>(VariantHandler.pluginSources(rounding,
                injector.getInstance(LogitCorrections.class), StudyConfigs.parse(yaml, "test")));

        // another version of a solver: here a coordinator whose adaround came from a plug-in jar
        sources.put("solver adaround", "org.example.AdaRound from adaround.jar (sha256 1234)");
        VariantTask other = task(yaml, false, sources);
        TaskRefusedException refused = assertThrows(TaskRefusedException.class, () -> handler.handle(other.encode()));
        assertEquals("this member's solver 'adaround' is built in, the coordinator's org.example.AdaRound from"
                + " adaround.jar (sha256 1234). Maybe the same plug-in jar on every machine (BARQ_PLUGINS)?",
                refused.getMessage());

        // a solver this member does not have at all (the coordinator's plug-in): refused, not failed
        String pluginYaml = yaml.replace("name: adaround", "name: random-flip");
        assertTrue(!pluginYaml.equals(yaml), "the resolved config names adaround: " + yaml);
        SortedMap<String, String> pluginSources = new TreeMap<>(sources);
        pluginSources.remove("solver adaround");
        pluginSources.put("solver random-flip", "org.example.RandomFlip from random-flip.jar (sha256 abcd)");
        VariantTask missing = task(pluginYaml, false, pluginSources);
        refused = assertThrows(TaskRefusedException.class, () -> handler.handle(missing.encode()));
        assertEquals("this member has no solver 'random-flip' (the coordinator's is org.example.RandomFlip from"
                + " random-flip.jar (sha256 abcd)). Maybe start it with the coordinator's plug-in jars (BARQ_PLUGINS)?",
                refused.getMessage());

        // a correction plug-in in another version: its corrected lines would differ as a solver's codes would
        String corrected = yaml.replace("corrections: []", "corrections:\n- name: cat");
        assertTrue(!corrected.equals(yaml), "the resolved config lists no corrections: " + yaml);
        SortedMap<String, String> correctionSources = new TreeMap<>(VariantHandler.pluginSources(rounding,
                injector.getInstance(LogitCorrections.class), StudyConfigs.parse(corrected, "test")));
        assertEquals("built in", correctionSources.get("correction cat"), correctionSources.toString());
        correctionSources.put("correction cat", "org.example.Cat from cat.jar (sha256 ef01)");
        VariantTask otherCat = task(corrected, false, correctionSources);
        refused = assertThrows(TaskRefusedException.class, () -> handler.handle(otherCat.encode()));
        assertEquals("this member's correction 'cat' is built in, the coordinator's org.example.Cat from cat.jar"
                + " (sha256 ef01). Maybe the same plug-in jar on every machine (BARQ_PLUGINS)?", refused.getMessage());
    }

    /** @return the local run's line of {@link #VARIANT} */
    private static JsonNode recordedLine() {
        return ResultsFile.load(local.resolve(RunFolder.RESULTS)).get(VARIANT);
    }

    private static String resolvedYaml() throws IOException {
        return Files.readString(local.resolve("config.resolved.yaml"), StandardCharsets.UTF_8);
    }

    /** @return the task a coordinator sends for the local run's {@link #VARIANT}, with this config and sources */
    private static VariantTask task(String yaml, boolean keepCheckpoint, SortedMap<String, String> sources)
            throws IOException {
        JsonNode provenance = recordedLine().get("provenance");
        @SuppressWarnings("unchecked")
        Map<String, Object> reference = (Map<String, Object>) StudyJson.plain(provenance);
        return new VariantTask(yaml, VARIANT, provenance.get("dataset_sha256").asText(),
                provenance.get("model_sha256").asText(), Files.readAllBytes(local.resolve(Provenance.MODEL_FILE)),
                reference, keepCheckpoint, sources);
    }

    private static void runClustered(Path out, String name, int port, StudyListener listener) {
        Study study = Guice.createInjector(new BarqModule()).getInstance(Study.class);
        StringWriter console = new StringWriter();
        study.run(config, new RunSettings(out, 1, false, new ClusterOptions(name, "127.0.0.1", port, 1, null, 1)),
                new PrintWriter(console, true), listener);
    }

    private static void awaitJoined(ClusterWorker worker) {
        try {
            for (int i = 0; i < 600 && worker.address() == null; i++) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(worker.address() != null, "the worker joined");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path writeLine(String line) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "line", ".json"), line);
    }

    /** @return the lines by id without timings and member names */
    private static Map<String, JsonNode> normalised(Path out) {
        Map<String, JsonNode> lines = new TreeMap<>();
        ResultsFile.load(out.resolve(RunFolder.RESULTS)).forEach((id, line) -> lines.put(id, strip(line.deepCopy())));
        return lines;
    }

    private static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
                if (TIMINGS.contains(keys.next())) {
                    keys.remove();
                }
            }
            object.forEach(ClusterStudyTest::strip);
        } else if (node.isArray()) {
            node.forEach(ClusterStudyTest::strip);
        }
        return node;
    }

    /** A listener that says nothing unless a test overrides {@link #running}. */
    private static class Quiet implements StudyListener {
        @Override
        public void started(int total, int finished) {
        }

        @Override
        public void variantDone(Variant variant, Map<String, Object> line) {
        }
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return new TreeSet<>(files.map(f -> f.getFileName().toString()).toList());
        }
    }
}
