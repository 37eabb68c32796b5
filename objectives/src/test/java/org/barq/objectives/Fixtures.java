package org.barq.objectives;

import java.util.ArrayList;
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
import org.barq.api.model.Mlp;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Seeded random networks, data and rounding for the objective tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A random MLP of the given widths, weights ~ N(0, 1/in), biases ~ N(0, 0.1^2), digits-like scaling 1/16. */
    static Mlp mlp(SplittableRandom random, int... sizes) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] w = new float[out * in];
            float[] b = new float[out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() / Math.sqrt(in));
            }
            for (int i = 0; i < out; i++) {
                b[i] = (float) (0.1 * random.nextGaussian());
            }
            layers.add(new DenseLayer(out, in, w, b));
        }
        return new Mlp(layers, InputScaling.uniform(1.0 / 16));
    }

    /**
     * Random raw features in 0..16 (whole numbers, like digits pixels), with the first {@code dead} columns always
     * 0 so that {@code H} is singular.
     */
    static Dataset data(SplittableRandom random, int n, int d, int classes, int dead) {
        float[] f = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = dead; j < d; j++) {
                f[i * d + j] = random.nextInt(17);
            }
            y[i] = random.nextInt(classes);
        }
        return new Dataset("random", f, y, d, SampleShape.flat(d), classes, "0",
                Optional.of(InputScaling.uniform(1.0 / 16)));
    }

    /** @return the grid of layer {@code l} at {@code bits}, absmax */
    static LayerGrid grid(Mlp model, int l, int bits) {
        return LayerGrid.fit(model.layer(l), new GridSpec(bits, ScaleMethod.ABSMAX));
    }

    /** @return {@code model} with layer {@code l} rounded to nearest on its {@code bits}-bit grid */
    static Mlp roundNearest(Mlp model, int l, int bits) {
        RoundingSpace space = RoundingSpace.of(model.layer(l), grid(model, l, bits));
        return model.withLayer(l, model.layer(l).withWeights(space.dequantized(space.nearest())));
    }

    /** @return {@code model} with layer {@code l}'s weights set to the assignment's dequantized weights */
    static Mlp withAssignment(Mlp model, int l, RoundingSpace space, boolean[] up) {
        return model.withLayer(l, model.layer(l).withWeights(space.dequantized(up)));
    }

    /** @return the scaled inputs of {@code data} for {@code model}, {@code [N, d]} */
    static INDArray inputs(Mlp model, Dataset data) {
        return Matrices.of(data.scaledInputs(model.scaling()), data.size(), data.dimension());
    }

    /** @return the true pair gaps {@code z_c1 - z_c2} of the band samples under {@code model} */
    static double[] trueGaps(Mlp model, Dataset data, CalibrationBand band) {
        double[] z = Matrices.values(Forward.run(model, data).logits());
        int k = model.classes();
        int[] idx = band.indices();
        int[] c1 = band.first();
        int[] c2 = band.second();
        double[] gaps = new double[idx.length];
        for (int x = 0; x < idx.length; x++) {
            gaps[x] = z[idx[x] * k + c1[x]] - z[idx[x] * k + c2[x]];
        }
        return gaps;
    }
}
