package org.barq.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.barq.api.data.Dataset;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.problem.RoundingSpace;
import org.barq.benchmarks.MnistFixture;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluation;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.slice.Slice;
import org.barq.evaluation.slice.SliceNetwork;
import org.barq.evaluation.slice.SlicePlane;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * The decision-geometry evaluation: the 200 x 200 slice alone, and every metric of FORMULATION §5.
 *
 * <p><b>What:</b> {@code slice}: labelling the {@code 200 x 200} cells of the test set's PCA plane with the
 * {@code [784, 256, 256, 10]} model ({@code SliceNetwork}: the first layer as an outer sum, then two batched
 * products over 40 000 cells). {@code geometry}: {@code GeometryEvaluator.evaluate} of the float model against its
 * round-to-nearest 4-bit version on the 10 000 test samples (two forward passes, input gradients, radii, angles,
 * Fisher ratios, PCA, two slices). <b>Why:</b> {@code barq evaluate} runs this once per rounded model and a study once
 * per variant (and the interpolation 21 slices per transition). <b>Target:</b> {@code slice} "well under a second"
 * (issue 5), checked by ./bench as at most 500 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SliceBenchmark extends AbstractBenchmark {
    private SliceNetwork network;
    private SlicePlane plane;
    private Mlp model;
    private Mlp nearest;
    private Dataset test;

    /** Fits the plane and rounds the model to nearest once. */
    @Setup
    public void setUp() {
        MnistFixture fixture = MnistFixture.get();
        model = fixture.model();
        test = fixture.splits().test();
        EvaluationOptions options = EvaluationOptions.DEFAULTS;
        plane = SlicePlane.fit(test, model.scaling(), options.sliceGrid(), options.sliceRange());
        network = SliceNetwork.of(Network.of(model));
        List<DenseLayer> layers = new ArrayList<>();
        for (DenseLayer layer : model.layers()) {
            RoundingSpace space = RoundingSpace.of(layer, LayerGrid.fit(layer, MnistFixture.GRID));
            layers.add(layer.withWeights(space.dequantized(space.nearest())));
        }
        nearest = new Mlp(layers, model.scaling());
    }

    /** @return the labels of the 40 000 cells */
    @Benchmark
    public Slice slice() {
        return network.slice(plane);
    }

    /** @return every metric of the float model against round-to-nearest on the test set */
    @Benchmark
    public GeometryEvaluation geometry() {
        return GeometryEvaluator.evaluate(Network.of(model), Network.of(nearest), test, EvaluationOptions.DEFAULTS);
    }
}
