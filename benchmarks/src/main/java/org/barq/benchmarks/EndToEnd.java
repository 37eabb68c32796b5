package org.barq.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.solver.Solver;
import org.barq.experiments.cli.NativeThreads;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.solvers.SolverRegistry;
import org.barq.solvers.SolversModule;
import org.barq.solvers.adaround.AdaRoundSolver;
import org.barq.solvers.coordinatedescent.CoordinateDescentSolver;
import org.barq.solvers.localsearch.LocalSearchSolver;

/**
 * The end-to-end timings of ./bench (docs/performance.md), each the median of {@code --repeats} runs, written as JSON
 * rows ({@link BenchRow}) for {@link BenchReport}:
 * <ul>
 *   <li>{@code coordinate-descent} on MNIST's first layer to a 1-flip local optimum, {@code lambda = 0} and hinge;</li>
 *   <li>the whole MNIST model at 4 bits with every registered solver, in process, 120 s per layer (local search
 *       20 s; adaround one hour, so that all its iterations run); from the {@code adaround} runs also its time on
 *       the first layer and {@code R} there against coordinate descent's;</li>
 *   <li>{@code ./barq quantize} as a process with coordinate descent and the hinge surrogate: wall time, start-up
 *       included, and peak resident memory;</li>
 *   <li>the digits study, {@code ./barq run configs/digits.yaml}, when that config exists.</li>
 * </ul>
 * Usage: {@code EndToEnd --model FILE --root DIR --out FILE [--repeats N] [--quick]}. {@code --quick} makes one run
 * of each, with short budgets (adaround 500 iterations, local search 3 s per layer): a smoke test, not a measurement.
 * ND4J's native code runs on one thread, as in {@code barq} ({@link NativeThreads}).
 */
public final class EndToEnd {
    private static final int THREADS = 2;

    private EndToEnd() {
    }

    /**
     * @param args see the class comment
     * @throws IOException if the JSON cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> given = Arguments.parse(args, List.of("--model", "--root", "--out", "--repeats"),
                List.of("--quick"));
        boolean quick = given.containsKey("--quick");
        int repeats = quick ? 1 : Integer.parseInt(given.getOrDefault("--repeats", "5"));
        Path model = Path.of(Arguments.required(given, "--model")).toAbsolutePath();
        Path root = Path.of(Arguments.required(given, "--root")).toAbsolutePath();
        Path out = Path.of(Arguments.required(given, "--out")).toAbsolutePath();
        System.setProperty(MnistFixture.MODEL_PROPERTY, model.toString());
        NativeThreads.pin();
        MnistFixture fixture = MnistFixture.get();
        Injector injector = Guice.createInjector(new SolversModule());
        SolverRegistry solvers = injector.getInstance(SolverRegistry.class);
        RowsFile rows = new RowsFile(out);

        LayerTimings layer = new LayerTimings(fixture, solvers, THREADS);
        LayerTimings.Outcome cd = report(layer.coordinateDescent(false, repeats));
        rows.add(cd.time());
        rows.add(report(layer.coordinateDescent(true, repeats)).time());
        LayerTimings.Outcome cdGptq = report(layer.coordinateDescent(false, Map.of("start", "gptq"), repeats));
        rows.add(cdGptq.time());

        ModelTimings models = new ModelTimings(fixture, injector.getInstance(SequentialRounding.class), THREADS);
        for (Solver solver : solvers.all()) {
            String name = solver.descriptor().name();
            SortedMap<String, String> options = new TreeMap<>();
            Duration limit = Duration.ofSeconds(quick ? 10 : 120);
            if (name.equals(AdaRoundSolver.NAME)) {
                // every iteration must run: the target is about the time 10 000 iterations take
                limit = Duration.ofHours(1);
                if (quick) {
                    options.put("iterations", "500");
                }
            }
            if (name.equals(LocalSearchSolver.NAME)) {
                limit = Duration.ofSeconds(quick ? 3 : 20);
            }
            ModelTimings.Outcome outcome = models.run(name, options, limit, repeats);
            rows.add(report(outcome.model()));
            if (name.equals(AdaRoundSolver.NAME)) {
                BenchRow.Builder first = new BenchRow.Builder();
                outcome.firstLayerSeconds().forEach(first::add);
                rows.add(report(first.build("layer0.adaround", "adaround on MNIST layer 0 (784x256), 4 bits, lambda 0, "
                        + (quick ? "500" : "10000") + " iterations", "s", "<=", 60.0,
                        "from the whole-model runs; includes building the layer's objective")));
                for (LayerTimings.Outcome descent : List.of(cd, cdGptq)) {
                    boolean warm = descent == cdGptq;
                    double ratio = descent.reconstruction() / outcome.firstLayerReconstruction();
                    rows.add(report(new BenchRow("layer0.r-ratio" + (warm ? ".start-gptq" : ""),
                            "R(coordinate-descent" + (warm ? " start=gptq" : "") + ") / R(adaround) on MNIST layer 0,"
                            + " 4 bits, lambda 0", ratio, "ratio", "<=", 1.0, List.of(ratio), LoadAverage.oneMinute(),
                            String.format(Locale.ROOT, "R: coordinate-descent %s, adaround %s (deterministic)",
                                    BenchRow.format(descent.reconstruction()),
                                    BenchRow.format(outcome.firstLayerReconstruction())))));
                }
            }
        }

        rows.addAll(processRows(root, model, fixture.dataDir(), out.getParent().resolve("e2e"), repeats));
        rows.add(report(digits(root, out.getParent().resolve("e2e"), repeats)));
        System.out.println("bench: wrote " + out);
    }

    /** The rows so far, rewritten to the JSON file after each one, so that a late failure keeps the earlier rows. */
    private static final class RowsFile {
        private final Path file;
        private final List<BenchRow> rows = new ArrayList<>();

        RowsFile(Path file) {
            this.file = file;
        }

        void add(BenchRow row) {
            rows.add(row);
            write();
        }

        void addAll(List<BenchRow> more) {
            rows.addAll(more);
            write();
        }

        private void write() {
            try {
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(rows));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    private static LayerTimings.Outcome report(LayerTimings.Outcome outcome) {
        report(outcome.time());
        return outcome;
    }

    private static BenchRow report(BenchRow row) {
        System.out.printf(Locale.ROOT, "bench: %-40s %10s %s  (load %s)%n", row.id(), BenchRow.format(row.median()),
                row.unit(), row.load());
        System.out.flush();
        return row;
    }

    private static List<BenchRow> processRows(Path root, Path model, Path dataDir, Path work, int repeats) {
        ProcessTimings processes = new ProcessTimings(root, work);
        List<String> arguments = List.of("quantize", "--model", model.toString(), "--data-dir", dataDir.toString(),
                "--bits", "4", "--solver", CoordinateDescentSolver.NAME, "--objective", "hinge", "--lambda", "1",
                "--out", work.resolve("cd-hinge.safetensors").toString());
        String command = "./barq " + String.join(" ", arguments);
        List<BenchRow> rows = new ArrayList<>();
        double peak = Double.NaN;
        List<Double> peaks = new ArrayList<>();
        BenchRow.Builder wall = new BenchRow.Builder();
        for (ProcessTimings.Run run : processes.run(arguments, Map.of(), repeats)) {
            wall.add(run.seconds());
            peaks.add(run.peakMib());
            peak = Double.isNaN(peak) ? run.peakMib() : Math.max(peak, run.peakMib());
        }
        rows.add(report(wall.build("process.cd-hinge", "whole MNIST model, 4 bits, coordinate-descent + hinge lambda"
                + " 1, wall with start-up", "s", "<=", 15.0, command)));
        if (ProcessTimings.canMeasureMemory()) {
            rows.add(report(new BenchRow("process.peak-rss", "peak resident memory while quantizing MNIST (max over"
                    + " the runs above)", peak, "MiB", "<=", 2048.0, peaks, LoadAverage.oneMinute(),
                    "/usr/bin/time -v maximum resident set size; launcher default BARQ_JAVA_OPTS=-Xmx8g")));
        } else {
            rows.add(report(BenchRow.unavailable("process.peak-rss", "peak resident memory while quantizing MNIST",
                    "MiB", "<=", 2048.0, "not available: /usr/bin/time is missing")));
        }
        return rows;
    }

    private static BenchRow digits(Path root, Path work, int repeats) {
        Path config = root.resolve("configs").resolve("digits.yaml");
        String what = "digits study: ./barq run configs/digits.yaml";
        if (!Files.isRegularFile(config)) {
            return BenchRow.unavailable("process.digits-study", what, "s", null, null,
                    "not available: configs/digits.yaml does not exist in this branch");
        }
        BenchRow.Builder wall = new BenchRow.Builder();
        Path study = work.resolve("digits-study");
        for (int i = 0; i < repeats; i++) {
            // a fresh folder each time: a second run in the same folder would only resume the finished study
            deleteTree(study);
            for (ProcessTimings.Run run : new ProcessTimings(root, work).run(List.of("run", config.toString(),
                    "--out", study.toString()), Map.of(), 1)) {
                wall.add(run.seconds());
            }
        }
        return wall.build("process.digits-study", what, "s", null, null, "wall with start-up, a new run folder each"
                + " time; ./barq run configs/digits.yaml --out " + study);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    /** Reads JSON rows written by {@link #main}. */
    static List<BenchRow> read(Path file) {
        try {
            return List.of(new ObjectMapper().readValue(file.toFile(), BenchRow[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
