package org.barq.benchmarks.jmh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.barq.api.objective.Objective;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.objectives.ObjectiveSpec;
import org.barq.objectives.PatchSample;
import org.barq.solvers.coordinatedescent.CoordinateDescentSolver;
import org.barq.solvers.gptq.GptqSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The largest conv layer of the example CNN on MNIST:
 * {@code conv(16,k5,p2)-relu-maxpool(2)-conv(32,k5,p2)-relu-maxpool(2)-flatten-dense(128)-relu-dense(10)}, its
 * second conv, a {@code [32, 16*5*5]} weight matrix at 4 bits over the im2col patches of the 1280 calibration images
 * (250 880 rows of 400, a seeded sample of 65 536 kept).
 *
 * <p><b>What:</b> {@code build}: the forward passes to the layer, the patches and {@code H}; {@code gptq} and
 * {@code coordinateDescent}: one solve of the built problem. <b>Why:</b> a conv layer's problem is a dense one over
 * many more rows than samples; rounding the largest conv layer must take seconds, not minutes (issue 14). Weights
 * are seeded He-uniform (barq does not train CNNs yet): the timings depend on shapes, not on training.
 * <b>Target:</b> seconds for build plus either solve.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ConvLayerBenchmark {
    /** The patch rows kept for {@code H}. */
    static final PatchSample SAMPLE = new PatchSample(65_536, 0);
    private static final int CONV = 3;

    private Network network;
    private Dataset calibration;
    private LayerGrid grid;
    private LayerBuild built;

    /** Builds the network and the layer's problem once. */
    @Setup
    public void setUp() {
        calibration = MnistFixture.get().splits().calibration();
        SplittableRandom rng = new SplittableRandom(0);
        List<Layer> layers = new ArrayList<>(List.of(conv(rng, 16, 1), new Relu(), new MaxPool2d(2, 2),
                conv(rng, 32, 16), new Relu(), new MaxPool2d(2, 2), new Flatten(), dense(rng, 128, 32 * 7 * 7),
                new Relu(), dense(rng, 10, 128)));
        network = new Network(layers, new SampleShape(1, 28, 28),
                MnistFixture.get().splits().train().trainingScaling());
        grid = LayerGrid.fit(Network.matrixOf(network.layer(CONV)), MnistFixture.GRID);
        built = build();
    }

    private static Conv2d conv(SplittableRandom rng, int out, int in) {
        return Conv2d.of(out, in, 5, 5, 1, 2, heUniform(rng, out * in * 25, in * 25), new float[out]);
    }

    private static DenseLayer dense(SplittableRandom rng, int out, int in) {
        return new DenseLayer(out, in, heUniform(rng, out * in, in), new float[out]);
    }

    private static float[] heUniform(SplittableRandom rng, int n, int fanIn) {
        double limit = Math.sqrt(6.0 / fanIn);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }

    /** @return the second conv layer's problem and objective */
    @Benchmark
    public LayerBuild build() {
        return LayerObjectiveBuilder.build(network, network, calibration, CONV, CONV, grid, ObjectiveSpec.DEFAULT,
                SAMPLE);
    }

    /** @return GPTQ's rounding of the layer */
    @Benchmark
    public SolverResult gptq() {
        return solve(new GptqSolver());
    }

    /** @return coordinate descent's rounding of the layer, from round-to-nearest */
    @Benchmark
    public SolverResult coordinateDescent() {
        return solve(new CoordinateDescentSolver());
    }

    private SolverResult solve(Solver solver) {
        Objective objective = built.objective().copy();
        return solver.solve(built.problem(), objective, new SolveContext(0, Duration.ofMinutes(10), 2,
                SolverOptions.defaults(solver.descriptor())));
    }
}
