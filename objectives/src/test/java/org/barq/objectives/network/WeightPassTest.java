package org.barq.objectives.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Layer;
import org.barq.api.model.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The weight and bias gradients of dense and conv layers against central differences of {@code sum(G * forward)}. */
class WeightPassTest {
    private static final int N = 3;

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** 0: dense(4) on 2x2x3; 1: conv(3,k3,p1) on 2x5x6; 2: conv(2,k2x3,s2,p2) on 2x5x6. */
    private static Layer layer(int which, float[] weight, float[] bias) {
        return switch (which) {
            case 0 -> new DenseLayer(4, 12, weight, bias);
            case 1 -> Conv2d.of(3, 2, 3, 3, 1, 1, weight, bias);
            default -> Conv2d.of(2, 2, 2, 3, 2, 2, weight, bias);
        };
    }

    private static SampleShape shape(int which) {
        return which == 0 ? new SampleShape(2, 2, 3) : new SampleShape(2, 5, 6);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void weightAndBiasGradientsAreThoseOfTheForwardPass(int which) {
        SplittableRandom rng = new SplittableRandom(which);
        int weights = which == 0 ? 48 : which == 1 ? 54 : 24;
        int outs = which == 0 ? 4 : which == 1 ? 3 : 2;
        float[] w = random(rng, weights);
        float[] b = random(rng, outs);
        SampleShape shape = shape(which);
        Layer layer = layer(which, w, b);
        int outSize = layer.outputShape(shape).size();
        double[] x = new double[N * shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1;
        }
        double[] g = new double[N * outSize];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextDouble() * 2 - 1;
        }
        WeightPass pass = WeightPass.of(layer, shape);
        double[] dw = Matrices.values(pass.weightGradient(Matrices.of(x, N, shape.size()), Matrices.of(g, N, outSize)));
        double[] db = Matrices.values(pass.biasGradient(Matrices.of(g, N, outSize)));
        assertEquals(Network.matrixOf(layer).out() * Network.matrixOf(layer).in(), dw.length);
        for (int k = 0; k < weights; k++) {
            assertEquals(centralDifference(w, k, () -> layer(which, w, b), shape, x, g), dw[k], 1e-9, "weight " + k);
        }
        for (int o = 0; o < outs; o++) {
            assertEquals(centralDifference(b, o, () -> layer(which, w, b), shape, x, g), db[o], 1e-9, "bias " + o);
        }
        assertTrue(Math.abs(dw[0]) > 0);
    }

    /**
     * The derivative of {@code sum(G * forward(x))} in {@code values[k]}: values are F32, so {@code keep + h} is
     * rounded, and the difference is divided by the step actually taken (the objective is linear in them).
     */
    private static double centralDifference(float[] values, int k, Supplier<Layer> layer, SampleShape shape,
                                            double[] x, double[] g) {
        float h = 1f / 1024;
        float keep = values[k];
        values[k] = keep + h;
        double up = values[k];
        double plus = objective(layer.get(), shape, x, g);
        values[k] = keep - h;
        double down = values[k];
        double minus = objective(layer.get(), shape, x, g);
        values[k] = keep;
        return (plus - minus) / (up - down);
    }

    /** sum(G * forward(x)), linear in the weights, so central differences are exact up to rounding. */
    private static double objective(Layer layer, SampleShape shape, double[] x, double[] g) {
        double[] y = Matrices.values(LayerPass.of(layer, shape).forward(Matrices.of(x, N, shape.size())));
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += g[i] * y[i];
        }
        return s;
    }
}
