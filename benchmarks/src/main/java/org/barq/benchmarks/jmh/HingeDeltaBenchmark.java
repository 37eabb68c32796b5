package org.barq.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.barq.api.objective.Objective;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.InputsMode;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Delta evaluations per second with the hinge surrogate, on one core.
 *
 * <p><b>What:</b> {@code Objective.delta(v)} of {@code J = R / R(RTN) + G / G(RTN)} with the {@code hinge} surrogate
 * ({@code lambda = 1}, {@code beta = 0.2}, {@code gamma = 0.5}) on MNIST's first layer, 4 bits; the band holds
 * {@code |B| = 256} of the 1280 calibration samples. {@value #DELTAS} consecutive variables per call. <b>Why:</b>
 * with a surrogate every delta also moves all band gaps, O(|B|) (FORMULATION §3.2), and the objective is no longer
 * row-separable, so coordinate descent runs on one thread: this rate bounds the boundary-aware solvers.
 * <b>Target:</b> at least 2 million deltas per second per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HingeDeltaBenchmark extends AbstractBenchmark {
    /** Deltas per benchmark call: a window of consecutive variables. */
    static final int DELTAS = 4_096;
    /** The objective the end-to-end hinge timings use too. */
    public static final ObjectiveSpec HINGE = new ObjectiveSpec(ObjectiveKind.HINGE, 1.0, 0.2, 0.5,
            InputsMode.SEQUENTIAL);

    private Objective objective;
    private int offset;
    private int windows;

    /** Builds the layer's objective at round-to-nearest and checks that the band has 256 samples. */
    @Setup
    public void setUp() {
        LayerBuild build = MnistFixture.get().layer(0, HINGE);
        if (build.bandSize() != 256) {
            throw new IllegalStateException("the band holds " + build.bandSize() + " samples, expected 256");
        }
        objective = build.objective();
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
