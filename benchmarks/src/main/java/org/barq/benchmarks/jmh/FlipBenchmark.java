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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Flips applied per second on one core, without and with the hinge surrogate.
 *
 * <p><b>What:</b> {@code Objective.flip(v)} on MNIST's first layer at 4 bits, {@value #FLIPS} consecutive variables
 * per call (each pass over the layer undoes the previous one, so the state stays near round-to-nearest).
 * {@code reconstruction}: {@code lambda = 0}, a flip updates {@code g_r += d H[:, j]}, O(in) = 784 multiply-adds.
 * {@code hinge}: {@code lambda = 1}, the flip also moves the 256 band gaps and recomputes {@code G}, O(in + |B|).
 * <b>Why:</b> an accepted move costs a flip; solvers that accept many moves (coordinate descent's first sweeps,
 * local search) are bounded by it. <b>Target:</b> none set by the issue; expected a few million per second for
 * {@code reconstruction} (one 784-long axpy), about half that with {@code hinge}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FlipBenchmark extends AbstractBenchmark {
    /** Flips per benchmark call: a window of consecutive variables. */
    static final int FLIPS = 4_096;

    /** The objective: {@code reconstruction} ({@code lambda = 0}) or {@code hinge} ({@code lambda = 1}). */
    @Param({"reconstruction", "hinge"})
    public String objectiveKind;

    private Objective objective;
    private int offset;
    private int windows;

    /** Builds the layer's objective at round-to-nearest. */
    @Setup
    public void setUp() {
        ObjectiveSpec spec = objectiveKind.equals("hinge") ? HingeDeltaBenchmark.HINGE : ObjectiveSpec.DEFAULT;
        objective = MnistFixture.get().layer(0, spec).objective();
        windows = objective.variables() / FLIPS;
    }

    /** @return the objective's value after the flips, so that they are not optimised away */
    @Benchmark
    @OperationsPerInvocation(FLIPS)
    public double flip() {
        int from = offset * FLIPS;
        offset = (offset + 1) % windows;
        for (int v = from, end = from + FLIPS; v < end; v++) {
            objective.flip(v);
        }
        return objective.isUp(from) ? 1 : 0;
    }
}
