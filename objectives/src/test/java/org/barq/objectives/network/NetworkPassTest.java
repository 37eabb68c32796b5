package org.barq.objectives.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.barq.api.data.SampleShape;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each layer's one forward and backward pass: backward against central differences of {@code sum(G * forward(x))},
 * the convolution against a direct six-loop sum, and an MLP as a network against the MLP written out with loops.
 */
class NetworkPassTest {
    private static final int N = 2;

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static double[] randomDoubles(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble() * 2 - 1;
        }
        return v;
    }

    static Conv2d conv(SplittableRandom rng, int out, int in, int kh, int kw, int stride, int padding) {
        return Conv2d.of(out, in, kh, kw, stride, padding, random(rng, out * in * kh * kw), random(rng, out));
    }

    static Stream<Arguments> layers() {
        SplittableRandom rng = new SplittableRandom(7);
        return Stream.of(
                Arguments.of("dense on an image", new DenseLayer(5, 12, random(rng, 60), random(rng, 5)),
                        new SampleShape(3, 2, 2)),
                Arguments.of("conv k3 p1", conv(rng, 3, 2, 3, 3, 1, 1), new SampleShape(2, 5, 6)),
                Arguments.of("conv k2x3 s2 p2", conv(rng, 4, 2, 2, 3, 2, 2), new SampleShape(2, 5, 6)),
                Arguments.of("conv k5 p2", conv(rng, 2, 1, 5, 5, 1, 2), new SampleShape(1, 8, 8)),
                Arguments.of("conv k3 s2 no padding", conv(rng, 2, 3, 3, 3, 2, 0), new SampleShape(3, 7, 7)),
                Arguments.of("maxpool 2", new MaxPool2d(2, 2), new SampleShape(3, 6, 6)),
                Arguments.of("maxpool 3 s2", new MaxPool2d(3, 2), new SampleShape(2, 7, 7)),
                Arguments.of("avgpool 2 s1", new AvgPool2d(2, 1), new SampleShape(2, 5, 5)),
                Arguments.of("avgpool 3 s2, floor", new AvgPool2d(3, 2), new SampleShape(1, 8, 8)),
                Arguments.of("relu", new Relu(), new SampleShape(2, 3, 3)),
                Arguments.of("flatten", new Flatten(), new SampleShape(2, 3, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void backwardIsTheGradientOfTheForwardPass(String name, Layer layer, SampleShape input) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        LayerPass pass = LayerPass.of(layer, input);
        int in = input.size();
        int out = layer.outputShape(input).size();
        double[] x = randomDoubles(rng, N * in);
        double[] g = randomDoubles(rng, N * out);
        INDArray gradient = Matrices.of(g, N, out);
        double[] backward = Matrices.values(pass.backward(Matrices.of(x, N, in), gradient));
        double h = 1e-6;
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double plus = dot(g, Matrices.values(pass.forward(Matrices.of(x, N, in))));
            x[i] = keep - h;
            double minus = dot(g, Matrices.values(pass.forward(Matrices.of(x, N, in))));
            x[i] = keep;
            double numeric = (plus - minus) / (2 * h);
            largest = Math.max(largest, Math.abs(numeric));
            worst = Math.max(worst, Math.abs(numeric - backward[i]));
        }
        assertTrue(largest > 0, "the layer passes some gradient");
        assertTrue(worst <= 1e-6 * Math.max(1, largest), name + ": largest error " + worst + " of " + largest);
    }

    private static double dot(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void convolutionEqualsTheDirectSumAndItsPatchesTimesTheWeightMatrix() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[] geometry : new int[][] {{3, 2, 3, 3, 1, 1}, {4, 2, 2, 3, 2, 2}, {2, 3, 3, 3, 2, 0}}) {
            int out = geometry[0];
            int in = geometry[1];
            Conv2d conv = conv(rng, out, in, geometry[2], geometry[3], geometry[4], geometry[5]);
            SampleShape shape = new SampleShape(in, 6, 7);
            SampleShape outShape = conv.outputShape(shape);
            double[] x = randomDoubles(rng, N * shape.size());
            double[] y = Matrices.values(LayerPass.of(conv, shape).forward(Matrices.of(x, N, shape.size())));
            Im2col im2col = new Im2col(conv, shape);
            double[] patches = im2col.patches(x, N);
            int positions = outShape.height() * outShape.width();
            for (int n = 0; n < N; n++) {
                for (int o = 0; o < out; o++) {
                    for (int oy = 0; oy < outShape.height(); oy++) {
                        for (int ox = 0; ox < outShape.width(); ox++) {
                            double direct = direct(conv, shape, x, n, o, oy, ox);
                            int p = oy * outShape.width() + ox;
                            assertEquals(direct, y[n * outShape.size() + o * positions + p], 1e-12);
                            double product = conv.matrix().biasesAsDouble()[o];
                            for (int k = 0; k < im2col.columns(); k++) {
                                product += patches[(n * positions + p) * im2col.columns() + k]
                                        * conv.matrix().weight(o, k);
                            }
                            assertEquals(direct, product, 1e-12, "patch row times weight row");
                        }
                    }
                }
            }
        }
    }

    /** The textbook sum over channels and kernel offsets, skipping the zero padding. */
    private static double direct(Conv2d conv, SampleShape shape, double[] x, int n, int o, int oy, int ox) {
        double sum = conv.matrix().biasesAsDouble()[o];
        for (int c = 0; c < conv.in(); c++) {
            for (int ky = 0; ky < conv.kernelH(); ky++) {
                for (int kx = 0; kx < conv.kernelW(); kx++) {
                    int iy = oy * conv.stride() - conv.padding() + ky;
                    int ix = ox * conv.stride() - conv.padding() + kx;
                    if (iy >= 0 && iy < shape.height() && ix >= 0 && ix < shape.width()) {
                        double w = conv.matrix().weight(o, (c * conv.kernelH() + ky) * conv.kernelW() + kx);
                        sum += w * x[n * shape.size() + (c * shape.height() + iy) * shape.width() + ix];
                    }
                }
            }
        }
        return sum;
    }

    @Test
    void maxPoolingRoutesTiesToTheFirstMaximum() {
        LayerPass pool = LayerPass.of(new MaxPool2d(2, 2), new SampleShape(1, 2, 2));
        double[] dx = Matrices.values(pool.backward(Matrices.of(new double[] {1, 3, 3, 0}, 1, 4),
                Matrices.of(new double[] {5}, 1, 1)));
        assertArrayEquals(new double[] {0, 5, 0, 0}, dx);
    }

    @Test
    void reluPassesNoGradientAtZero() {
        LayerPass relu = LayerPass.of(new Relu(), SampleShape.flat(3));
        double[] dx = Matrices.values(relu.backward(Matrices.of(new double[] {-1, 0, 2}, 1, 3),
                Matrices.of(new double[] {5, 6, 7}, 1, 3)));
        assertArrayEquals(new double[] {0, 0, 7}, dx, "ReLU'(0) = 0 (FORMULATION section 8), as PyTorch");
    }

    @Test
    void anMlpAsANetworkGivesTheMlpsLogits() {
        SplittableRandom rng = new SplittableRandom(11);
        Mlp mlp = new Mlp(List.of(new DenseLayer(6, 4, random(rng, 24), random(rng, 6)),
                new DenseLayer(5, 6, random(rng, 30), random(rng, 5)),
                new DenseLayer(3, 5, random(rng, 15), random(rng, 3))), InputScaling.uniform(1));
        double[] x = randomDoubles(rng, 40);
        double[] logits = Matrices.values(NetworkPass.run(Network.of(mlp), Matrices.of(x, 10, 4)).logits());
        assertArrayEquals(plainMlp(mlp, x, 10), logits, 1e-12);
        assertArrayEquals(logits, Matrices.values(Forward.run(mlp, Matrices.of(x, 10, 4)).logits()), 0.0,
                "Forward is the same pass read by the MLP's layer numbers");
    }

    /** The MLP written out with loops, independent of ND4J and of the passes (Forward itself runs a NetworkPass). */
    private static double[] plainMlp(Mlp mlp, double[] x, int n) {
        double[] h = x;
        for (int l = 0; l < mlp.depth(); l++) {
            DenseLayer layer = mlp.layer(l);
            double[] bias = layer.biasesAsDouble();
            double[] z = new double[n * layer.out()];
            for (int s = 0; s < n; s++) {
                for (int r = 0; r < layer.out(); r++) {
                    double sum = bias[r];
                    for (int j = 0; j < layer.in(); j++) {
                        sum += layer.weight(r, j) * h[s * layer.in() + j];
                    }
                    z[s * layer.out() + r] = l + 1 < mlp.depth() ? Math.max(0, sum) : sum;
                }
            }
            h = z;
        }
        return h;
    }

    @Test
    void aSmallCnnIsDeterministicAndCarriesTheLogitGradientToTheInput() {
        SplittableRandom rng = new SplittableRandom(5);
        Network cnn = new Network(List.of(conv(rng, 4, 1, 3, 3, 1, 1), new Relu(), new MaxPool2d(2, 2),
                conv(rng, 3, 4, 3, 3, 1, 0), new Relu(), new AvgPool2d(2, 2), new Flatten(),
                new DenseLayer(5, 3, random(rng, 15), random(rng, 5))), new SampleShape(1, 10, 10),
                InputScaling.uniform(1));
        assertEquals(List.of(0, 3, 7), cnn.weightLayers());
        assertEquals(5, cnn.classes());
        INDArray x = Matrices.of(randomDoubles(rng, 300), 3, 100);
        NetworkPass first = NetworkPass.run(cnn, x);
        NetworkPass second = NetworkPass.run(cnn, x);
        assertArrayEquals(Matrices.values(first.logits()), Matrices.values(second.logits()), 0.0);
        double[] g = randomDoubles(rng, 15);
        double[] backward = Matrices.values(first.backward(Matrices.of(g, 3, 5)));
        assertArrayEquals(backward, Matrices.values(second.backward(Matrices.of(g, 3, 5))), 0.0,
                "the same bits on the way back too");
        for (int layer : cnn.weightLayers()) {
            assertArrayEquals(Matrices.values(first.input(layer)), Matrices.values(second.input(layer)), 0.0,
                    "and the inputs rounding reads, layer " + layer);
        }
        double[] xs = Matrices.values(x);
        double h = 1e-6;
        for (int i : new int[] {0, 11, 55, 99, 150, 299}) {
            double keep = xs[i];
            xs[i] = keep + h;
            double plus = dot(g, Matrices.values(NetworkPass.run(cnn, Matrices.of(xs, 3, 100)).logits()));
            xs[i] = keep - h;
            double minus = dot(g, Matrices.values(NetworkPass.run(cnn, Matrices.of(xs, 3, 100)).logits()));
            xs[i] = keep;
            assertEquals((plus - minus) / (2 * h), backward[i], 1e-6, "input " + i);
        }
        assertEquals(3 * 4 * 100, first.input(1).length(), "the conv's output enters the relu");
    }
}
