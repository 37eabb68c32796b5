package org.barq.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.api.problem.RoundingSpace;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.output.OutputMatching;
import org.barq.objectives.output.OutputObjective;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * The output pass's first-layer delta, per second on one core.
 *
 * <p><b>What:</b> {@code OutputObjective.deltaPenultimate(unit, j)} of the benchmark model's last two layers
 * ({@code 256 x 256} through a ReLU to {@code 10 x 256}, 4 bits, every layer at round-to-nearest, 1280 calibration
 * samples, the logits matched, {@code lambda} 1): one hidden unit's {@value #INPUTS} weights per call after
 * {@code beginRow}, as a sweep of the pass tries them. Each delta runs over the calibration samples on which its
 * input is non-zero, through the unit's ReLU, to every logit and pair gap. <b>Why:</b> the pass of
 * {@code quantize --preset boundary-aware} spends most of its time here, 16 passes with its cross-validation.
 * <b>Target:</b> none set by an issue; docs/performance.md records the figure before and after each change to this
 * loop (its branch on whether the unit's output moves, the per-row pair weights, the per-sample values side by side).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OutputDeltaBenchmark extends AbstractBenchmark {
    /** The inputs of the layer before the last: one row of deltas per call. */
    static final int INPUTS = 256;

    private OutputObjective objective;
    private int unit;

    /** Rounds every layer to nearest and prepares the objective of the last two on the calibration split. */
    @Setup
    public void setUp() {
        MnistFixture fixture = MnistFixture.get();
        Mlp model = fixture.model();
        List<QuantizedLayer> layers = new ArrayList<>();
        for (int l = 0; l < model.depth(); l++) {
            LayerGrid grid = LayerGrid.fit(model.layer(l), MnistFixture.GRID);
            RoundingSpace space = RoundingSpace.of(model.layer(l), grid);
            layers.add(grid.quantized(space.codes(space.nearest())));
        }
        Network network = Network.of(model);
        RoundedModel rounded = RoundedModel.of(MnistFixture.GRID.bits(), layers, network);
        objective = OutputObjective.prepare(network, rounded, fixture.splits().calibration(), 1.0)
                .at(1.0, OutputMatching.LOGITS);
    }

    /** @return the sum of one row's deltas, so that none is optimised away */
    @Benchmark
    @OperationsPerInvocation(INPUTS)
    public double delta() {
        objective.beginRow(unit);
        double sum = 0;
        for (int j = 0; j < INPUTS; j++) {
            sum += objective.deltaPenultimate(unit, j);
        }
        unit = (unit + 1) % objective.penultimateShape()[0];
        return sum;
    }
}
