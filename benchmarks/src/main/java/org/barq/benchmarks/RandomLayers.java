package org.barq.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.objectives.ObjectiveSpec;
import org.barq.objectives.PatchSample;

/** One-layer problems on synthetic calibration data, built through the same objective builder as a real model's. */
final class RandomLayers {
    private RandomLayers() {
    }

    /**
     * @param x      calibration inputs, row-major {@code [n, in]}
     * @param out    rows of the layer, with weights drawn Gaussian with variance {@code 1 / in} from {@code random}
     * @param bits   grid bits (absmax)
     * @return the layer's objective at round-to-nearest, {@code lambda = 0}
     */
    static LayerBuild build(float[] x, int n, int in, int out, int bits, SplittableRandom random) {
        Dataset calibration = new Dataset("random-correlated", x, new int[n], in, SampleShape.flat(in), out, "0",
                Optional.empty());
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() / Math.sqrt(in));
        }
        Network network = new Network(List.of(new DenseLayer(out, in, w, new float[out])), SampleShape.flat(in),
                InputScaling.uniform(1.0));
        LayerGrid grid = LayerGrid.fit(Network.matrixOf(network.layer(0)), new GridSpec(bits, ScaleMethod.ABSMAX));
        return LayerObjectiveBuilder.build(network, network, calibration, 0, 0, grid, ObjectiveSpec.DEFAULT,
                PatchSample.ALL);
    }
}
