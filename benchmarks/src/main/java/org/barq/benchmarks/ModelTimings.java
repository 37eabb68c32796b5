package org.barq.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.model.Network;
import org.barq.experiments.pipeline.LayerReport;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.objectives.ObjectiveSpec;

/**
 * Quantizing the whole MNIST model ({@code [784, 256, 256, 10]}, 4 bits, {@code lambda = 0}) in process with one
 * solver, through the same {@link SequentialRounding} that {@code barq quantize} runs: objective builds and solves of
 * all three layers, no JVM start-up, no file I/O.
 */
final class ModelTimings {
    private final MnistFixture fixture;
    private final SequentialRounding rounding;
    private final int threads;

    /**
     * @param fixture  the data and model
     * @param rounding the pipeline
     * @param threads  the thread count a solver may use
     */
    ModelTimings(MnistFixture fixture, SequentialRounding rounding, int threads) {
        this.fixture = fixture;
        this.rounding = rounding;
        this.threads = threads;
    }

    /** What the runs of one solver gave: the whole-model row and the first layer's seconds and {@code R}. */
    record Outcome(BenchRow model, List<Double> firstLayerSeconds, double firstLayerReconstruction, String note) {
    }

    /**
     * @param solver    the solver's name
     * @param options   its options
     * @param timeLimit the budget of each layer
     * @param repeats   runs, at least 1
     * @return the timings
     */
    Outcome run(String solver, SortedMap<String, String> options, Duration timeLimit, int repeats) {
        RoundingPlan plan = new RoundingPlan(MnistFixture.GRID, solver, new TreeMap<>(options), ObjectiveSpec.DEFAULT,
                0, timeLimit, threads);
        rounding.validate(plan);
        BenchRow.Builder row = new BenchRow.Builder();
        List<Double> first = new ArrayList<>();
        double firstR = Double.NaN;
        StringBuilder layers = new StringBuilder();
        for (int run = 0; run < repeats; run++) {
            long start = System.nanoTime();
            RoundingOutcome outcome = rounding.run(Network.of(fixture.model()), fixture.splits().calibration(), plan, null);
            row.add((System.nanoTime() - start) / 1e9);
            LayerReport l0 = outcome.layers().get(0);
            first.add(l0.seconds());
            firstR = l0.solution().r();
            layers.setLength(0);
            for (LayerReport l : outcome.layers()) {
                layers.append(String.format(Locale.ROOT, "%sL%d %.2fs %d steps R/R(RTN) %.4f",
                        layers.length() == 0 ? "" : "; ", l.layer(), l.seconds(), l.steps(),
                        l.solution().r() / l.nearest().r()));
            }
        }
        String note = "options " + (options.isEmpty() ? "default" : options) + ", time limit " + timeLimit.toSeconds()
                + " s/layer, " + threads + " threads; last run: " + layers;
        BenchRow model = row.build("model." + solver, "quantize MNIST [784,256,256,10], 4 bits, lambda 0, "
                + solver + " (in process)", "s", null, null, note);
        return new Outcome(model, first, firstR, note);
    }
}
