package org.barq.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.barq.api.data.Dataset;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.ObjectiveSpec;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Building a layer's problem: {@code H = X^T X} alone, and the whole {@code LayerObjectiveBuilder.build}.
 *
 * <p><b>What:</b> {@code hessian}: the ND4J double product {@code X^T X} for MNIST's calibration inputs,
 * {@code N = 1280}, {@code in = 784} (1.6 GFLOP as a general product: ND4J's gemm does not exploit the symmetry).
 * {@code build}: everything {@code barq quantize} does before a solver starts on the first layer
 * (forward passes, {@code H}, the residual at round-to-nearest, {@code c}, the objective's state); {@code buildHinge}
 * adds the band and the first-order gaps. <b>Why:</b> this is paid once per layer by every solver, including
 * {@code nearest}; it bounds how fast a whole model can be rounded. <b>Target:</b> none set by the issue; it should
 * stay well under a second so that the 15 s whole-model target is the solvers' to spend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HessianBenchmark extends AbstractBenchmark {
    private MnistFixture fixture;
    private INDArray inputs;

    /** Scales the calibration set once. */
    @Setup
    public void setUp() {
        fixture = MnistFixture.get();
        Dataset calibration = fixture.splits().calibration();
        inputs = Matrices.of(calibration.scaledInputs(fixture.model().scaling()), calibration.size(),
                calibration.dimension());
    }

    /** @return {@code X^T X}, {@code [784, 784]} */
    @Benchmark
    public INDArray hessian() {
        return Nd4j.gemm(inputs, inputs, true, false);
    }

    /** @return the first layer's problem and objective, reconstruction only */
    @Benchmark
    public LayerBuild build() {
        return fixture.layer(0, ObjectiveSpec.DEFAULT);
    }

    /** @return the first layer's problem and objective with the hinge surrogate */
    @Benchmark
    public LayerBuild buildHinge() {
        return fixture.layer(0, HingeDeltaBenchmark.HINGE);
    }
}
