package org.barq.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;

/** Small models and sets built in code for the evaluation tests. */
public final class TestModels {
    private TestModels() {
    }

    /** @return a one-layer model {@code z = W x + b} with identity input scaling */
    public static Mlp linear(int out, int in, float[] weight, float[] bias) {
        return new Mlp(List.of(new DenseLayer(out, in, weight, bias)), InputScaling.uniform(1));
    }

    /**
     * Four points {@code (2,0), (-2,0), (0,1), (0,-1)}: mean 0, principal axes {@code e1} then {@code e2}, projection
     * standard deviations {@code sqrt(2)} and {@code sqrt(0.5)}. So cell {@code (row, col)} of the slice is the point
     * {@code (a sqrt(2), b / sqrt(2))}.
     */
    public static Dataset cross(int[] labels, int classes) {
        return new Dataset("cross", new float[] {2, 0, -2, 0, 0, 1, 0, -1}, labels, 2, SampleShape.flat(2), classes,
                "none", Optional.empty());
    }

    /** @return a seeded random MLP with the given widths, weights of scale {@code 1/sqrt(in)} */
    public static Mlp random(long seed, int... sizes) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] w = new float[out * in];
            float[] b = new float[out];
            double scale = 1.0 / Math.sqrt(in);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * 1.7 * scale);
            }
            for (int i = 0; i < out; i++) {
                b[i] = (float) ((random.nextDouble() * 2 - 1) * 0.1);
            }
            layers.add(new DenseLayer(out, in, w, b));
        }
        return new Mlp(layers, InputScaling.uniform(1));
    }

    /** @return a seeded random set with features uniform in {@code [0, 1)} */
    public static Dataset randomSet(long seed, int n, int d, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
        }
        return new Dataset("random", x, y, d, SampleShape.flat(d), classes, "none", Optional.empty());
    }
}
