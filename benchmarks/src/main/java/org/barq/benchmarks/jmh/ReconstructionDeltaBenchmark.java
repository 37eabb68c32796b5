package org.barq.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.barq.api.objective.Objective;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.ObjectiveSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Reconstruction delta evaluations per second on one core.
 *
 * <p><b>What:</b> {@code Objective.delta(v)} of the pure reconstruction objective ({@code lambda = 0}) of MNIST's
 * first layer ({@code 784 x 256}, 4 bits, absmax grid, 1280 calibration samples, trained model), visiting
 * {@value #DELTAS} consecutive variables per call, as a coordinate-descent sweep does. <b>Why:</b> every searching
 * solver (greedy, coordinate descent, local search) spends most of its time here: FORMULATION §3.1 promises an O(1)
 * delta, {@code (d^2 H_jj + 2 d g_rj) / N}. <b>Target:</b> at least 100 million deltas per second per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReconstructionDeltaBenchmark extends AbstractBenchmark {
    /** Deltas per benchmark call: a window of consecutive variables. */
    static final int DELTAS = 65_536;

    private Objective objective;
    private int offset;
    private int windows;

    /** Builds the layer's objective at round-to-nearest. */
    @Setup
    public void setUp() {
        objective = MnistFixture.get().layer(0, ObjectiveSpec.DEFAULT).objective();
        windows = objective.variables() / DELTAS;
    }

    /** @return the sum of {@value #DELTAS} deltas, so that none is optimised away */
    @Benchmark
    @OperationsPerInvocation(DELTAS)
    public double delta() {
        int from = offset * DELTAS;
        offset = (offset + 1) % windows;
        double sum = 0;
        for (int v = from, end = from + DELTAS; v < end; v++) {
            sum += objective.delta(v);
        }
        return sum;
    }
}
