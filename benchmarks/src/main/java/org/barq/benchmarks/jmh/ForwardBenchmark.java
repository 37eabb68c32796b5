package org.barq.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * The batched forward pass of the whole network over MNIST's test set.
 *
 * <p><b>What:</b> {@code Forward.run} of the {@code [784, 256, 256, 10]} model on the 10 000 t10k samples, in double
 * with ND4J: three matrix products of {@code 2 * 10^4 * (784*256 + 256*256 + 256*10)} = 5.4 GFLOP in all, plus
 * the bias and ReLU passes. <b>Why:</b> every evaluation (accuracy, flip rate, band, margins) and every
 * layer build starts with it; a sweep evaluates it per variant. <b>Target:</b> none set by the issue; it should run
 * near the BLAS rate of the machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForwardBenchmark extends AbstractBenchmark {
    private Mlp model;
    private INDArray inputs;

    /** Scales the test set once. */
    @Setup
    public void setUp() {
        MnistFixture fixture = MnistFixture.get();
        model = fixture.model();
        Dataset test = fixture.splits().test();
        inputs = Matrices.of(test.scaledInputs(model.scaling()), test.size(), test.dimension());
    }

    /** @return the logits, {@code [10000, 10]} */
    @Benchmark
    public INDArray forward() {
        return Forward.run(model, inputs).logits();
    }
}
