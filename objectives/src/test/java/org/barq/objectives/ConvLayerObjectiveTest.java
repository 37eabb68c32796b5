package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conv layers as rounding problems: the weight matrix {@code [out, in*kh*kw]} over im2col patches. Deltas agree with
 * full recomputation (FULL_ASSERT's check), {@code R} is the convolution's own output error, patch rows are sampled
 * when asked, and a dense layer after the convolutions takes the surrogate as in an MLP.
 */
class ConvLayerObjectiveTest {
    private static final int BITS = 3;

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /** conv(4,k3,p1)-relu-maxpool(2)-conv(5,k3)-relu-flatten-dense(3) on 1x8x8 images. */
    static Network cnn(SplittableRandom rng) {
        List<Layer> layers = List.of(
                Conv2d.of(4, 1, 3, 3, 1, 1, random(rng, 36, 0.5), random(rng, 4, 0.1)), new Relu(),
                new MaxPool2d(2, 2),
                Conv2d.of(5, 4, 3, 3, 1, 0, random(rng, 180, 0.3), random(rng, 5, 0.1)), new Relu(), new Flatten(),
                new DenseLayer(3, 20, random(rng, 60, 0.4), random(rng, 3, 0.1)));
        return new Network(layers, new SampleShape(1, 8, 8), InputScaling.uniform(1.0 / 16));
    }

    static Dataset images(SplittableRandom rng, int n) {
        float[] f = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextInt(17);
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
        }
        return new Dataset("images", f, y, 64, new SampleShape(1, 8, 8), 3, "0", Optional.empty());
    }

    private static LayerGrid grid(Network net, int layer) {
        return LayerGrid.fit(Network.matrixOf(net.layer(layer)), new GridSpec(BITS, ScaleMethod.ABSMAX));
    }

    private static Network roundNearest(Network net, int layer) {
        DenseLayer matrix = Network.matrixOf(net.layer(layer));
        RoundingSpace space = RoundingSpace.of(matrix, grid(net, layer));
        float[] nearest = space.dequantized(space.nearest());
        Layer rounded = net.layer(layer) instanceof Conv2d conv ? conv.withWeights(nearest)
                : matrix.withWeights(nearest);
        return net.withLayer(layer, rounded);
    }

    private static LayerBuild build(Network net, Network partly, Dataset data, int layer, ObjectiveSpec spec,
                                    PatchSample sample) {
        return LayerObjectiveBuilder.build(net, partly, data, layer, layer, grid(net, layer), spec, sample);
    }

    @Test
    void deltasOnConvAndDenseLayersMatchFullRecomputationAndDoNotDrift() {
        SplittableRandom rng = new SplittableRandom(3);
        Network net = cnn(rng);
        Dataset data = images(rng, 30);
        Network partly = roundNearest(net, 0);
        ObjectiveSpec hinge = new ObjectiveSpec(ObjectiveKind.HINGE, 1.5, 0.3, 0.5, InputsMode.SEQUENTIAL);
        Object[][] cases = {{0, ObjectiveSpec.DEFAULT, net}, {3, ObjectiveSpec.DEFAULT, partly},
            {3, new ObjectiveSpec(ObjectiveKind.RECONSTRUCTION, 0, 0.2, 0.5, InputsMode.FLOAT), partly},
            {6, hinge, roundNearest(partly, 3)}, {0, hinge, net},
            {3, new ObjectiveSpec(ObjectiveKind.GAP, 0.7, 0.3, 0.5, InputsMode.SEQUENTIAL), partly}};
        for (Object[] c : cases) {
            int layer = (int) c[0];
            DefaultLayerObjective objective = build(net, (Network) c[2], data, layer, (ObjectiveSpec) c[1],
                    PatchSample.ALL).objective();
            SplittableRandom flips = new SplittableRandom(layer);
            double before = objective.recompute();
            for (int step = 0; step < 300; step++) {
                int v = flips.nextInt(objective.variables());
                double delta = objective.delta(v);
                objective.flip(v);
                double after = objective.recompute();
                assertEquals(after - before, delta, 1e-9 * Math.max(1, Math.abs(after)), "layer " + layer);
                before = after;
            }
            for (int step = 0; step < 50_000; step++) {
                objective.flip(flips.nextInt(objective.variables()));
            }
            double full = objective.recompute();
            assertEquals(full, objective.value(), 1e-9 * Math.max(1, Math.abs(full)), "no drift, layer " + layer);
        }
    }

    /** R at round-to-nearest is the mean over samples and positions of the squared conv output error. */
    @Test
    void reconstructionIsTheConvolutionsOwnOutputError() {
        SplittableRandom rng = new SplittableRandom(5);
        Network net = cnn(rng);
        Dataset data = images(rng, 12);
        Network partly = roundNearest(net, 0);
        LayerBuild b = build(net, partly, data, 3, ObjectiveSpec.DEFAULT, PatchSample.ALL);
        double[] x = data.scaledInputs(net.scaling());
        double[] floatOut = Matrices.values(NetworkPass.run(net, Matrices.of(x, 12, 64)).input(4));
        double[] roundedOut = Matrices.values(NetworkPass.run(roundNearest(partly, 3), Matrices.of(x, 12, 64))
                .input(4));
        double sum = 0;
        for (int i = 0; i < floatOut.length; i++) {
            sum += (roundedOut[i] - floatOut[i]) * (roundedOut[i] - floatOut[i]);
        }
        int rows = 12 * 2 * 2;
        assertEquals(rows, b.problem().samples(), "one row per sample and output position");
        assertEquals(5, b.problem().space().rows(), "the weight matrix is [5, 4*3*3]");
        assertEquals(36, b.problem().space().cols());
        assertEquals(sum / rows, b.objective().nearestTerms().reconstruction(), 1e-9 * sum / rows);
    }

    @Test
    void patchRowsAreASeededSampleWhenCapped() {
        SplittableRandom rng = new SplittableRandom(7);
        Network net = cnn(rng);
        Dataset data = images(rng, 40);
        LayerBuild capped = build(net, net, data, 0, ObjectiveSpec.DEFAULT, new PatchSample(500, 11));
        LayerBuild again = build(net, net, data, 0, ObjectiveSpec.DEFAULT, new PatchSample(500, 11));
        LayerBuild other = build(net, net, data, 0, ObjectiveSpec.DEFAULT, new PatchSample(500, 12));
        assertEquals(500, capped.problem().samples());
        assertArrayEquals(capped.problem().hessian(), again.problem().hessian(), 0.0);
        assertTrue(capped.problem().hessian()[0] != other.problem().hessian()[0], "another seed, other rows");
        assertEquals(40 * 64, build(net, net, data, 0, ObjectiveSpec.DEFAULT, PatchSample.ALL).problem().samples());
        int[] rows = new PatchSample(5, 1).rows(100);
        assertEquals(5, rows.length);
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i] > rows[i - 1], "ascending, no repeats");
        }
    }

    /**
     * A conv weight moves a band sample's gap through every output position: {@code C_x = sum_p a_xp P_xp}. Checked
     * against the network itself: a small move {@code E} of the conv weights changes each sample's pair gap by
     * {@code <C_x, E>} to first order.
     */
    @Test
    void theFirstOrderGapsOfAConvLayerAreTheNetworksOwnToFirstOrder() {
        SplittableRandom rng = new SplittableRandom(11);
        Network net = cnn(rng);
        Dataset data = images(rng, 12);
        INDArray inputs = Matrices.of(data.scaledInputs(net.scaling()), data.size(), data.dimension());
        int[] first = new int[data.size()];
        int[] second = new int[data.size()];
        for (int x = 0; x < data.size(); x++) {
            first[x] = x % 3;
            second[x] = (x + 1) % 3;
        }
        for (int layer : new int[] {0, 3}) {
            FirstOrderGaps model = FirstOrderGaps.at(net, layer, inputs, first, second);
            DenseLayer m = Network.matrixOf(net.layer(layer));
            double epsilon = 1e-6;
            double[] e = new double[m.out() * m.in()];
            float[] moved = m.weights().clone();
            for (int k = 0; k < e.length; k++) {
                float w = moved[k];
                moved[k] = (float) (w + epsilon * (rng.nextDouble() - 0.5));
                e[k] = (double) moved[k] - w;
            }
            double[] predicted = model.gaps(Matrices.of(e, m.out(), m.in()));
            double[] before = pairGaps(net, inputs, first, second);
            double[] after = pairGaps(net.withWeights(layer, moved), inputs, first, second);
            for (int x = 0; x < data.size(); x++) {
                double actual = after[x] - before[x];
                assertEquals(actual, predicted[x] - model.nearestGaps()[x], 1e-3 * Math.abs(actual) + 1e-12,
                        "layer " + layer + " sample " + x);
            }
            assertTrue(model.coefficients() != null, "a conv layer keeps C_x");
        }
    }

    /** AdaRound's relaxation with a surrogate on conv layers: corners are J, the gradient is J's. */
    @Test
    void theRelaxationOfAConvLayersSurrogateHasJAtItsCornersAndItsGradient() {
        SplittableRandom rng = new SplittableRandom(5);
        Network net = cnn(rng);
        Dataset data = images(rng, 30);
        Object[][] cases = {{0, new ObjectiveSpec(ObjectiveKind.HINGE, 2, 0.5, 0.5, InputsMode.SEQUENTIAL), net},
            {3, new ObjectiveSpec(ObjectiveKind.GAP, 1, 0.5, 0.5, InputsMode.SEQUENTIAL), roundNearest(net, 0)}};
        for (Object[] c : cases) {
            int layer = (int) c[0];
            DefaultLayerObjective objective = build(net, (Network) c[2], data, layer, (ObjectiveSpec) c[1],
                    PatchSample.ALL).objective();
            int n = objective.variables();
            boolean[] up = objective.assignment();
            double[] h = new double[n];
            for (int v = 0; v < n; v++) {
                h[v] = up[v] ? 1 : 0;
            }
            double[] gradient = new double[n];
            assertEquals(objective.value(), objective.relaxedValue(h, gradient), 1e-9 * objective.value());
            for (int v = 0; v < n; v++) {
                h[v] = 0.1 + 0.8 * rng.nextDouble();
            }
            objective.relaxedValue(h, gradient);
            double[] fast = new double[n];
            objective.relaxedGradient(h, fast);
            double scale = 0;
            for (double g : gradient) {
                scale = Math.max(scale, Math.abs(g));
            }
            double[] scratch = new double[n];
            double step = 1e-6;
            for (int v = 0; v < n; v += 7) {
                double saved = h[v];
                h[v] = saved + step;
                double plus = objective.relaxedValue(h, scratch);
                h[v] = saved - step;
                double minus = objective.relaxedValue(h, scratch);
                h[v] = saved;
                assertEquals((plus - minus) / (2 * step), gradient[v], 1e-6 * Math.max(1, scale), "layer " + layer
                        + " variable " + v);
                assertEquals(gradient[v], fast[v], 1e-6 * Math.max(1, scale), "fast path, layer " + layer);
            }
        }
    }

    private static double[] pairGaps(Network net, INDArray inputs, int[] first, int[] second) {
        double[] z = Matrices.values(NetworkPass.run(net, inputs).logits());
        int k = net.classes();
        double[] gaps = new double[first.length];
        for (int x = 0; x < gaps.length; x++) {
            gaps[x] = z[x * k + first[x]] - z[x * k + second[x]];
        }
        return gaps;
    }
}
