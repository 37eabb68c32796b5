package org.barq.experiments.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Architecture;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.objectives.network.LayerPass;
import org.barq.objectives.network.Matrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients training takes from the network passes, against central finite differences of the mean
 * cross-entropy, for every weight and bias of small conv nets with both poolings, strides and padding.
 */
class NetworkGradientTest {
    private static final double STEP = 1e-6;

    @Test
    void convMaxPoolDenseGradientsMatchFiniteDifferences() {
        check("conv(2,k3,p1)-relu-maxpool(2)-conv(3,k2)-relu-flatten-dense(4)-relu-dense(3)", new SampleShape(1, 5, 5));
    }

    @Test
    void stridedConvAvgPoolGradientsMatchFiniteDifferences() {
        check("conv(3,k2x3,s2,p1)-avgpool(2,s1)-relu-conv(2,k1)-dense(3)", new SampleShape(2, 6, 5));
    }

    @Test
    void mlpGradientsMatchFiniteDifferences() {
        check("dense(5)-relu-dense(4)-relu-dense(3)", SampleShape.flat(7));
    }

    private static void check(String spec, SampleShape input) {
        int n = 6;
        int classes = 3;
        Network shape = Architecture.parse(spec, input, classes, InputScaling.uniform(1));
        SplittableRandom rng = new SplittableRandom(11);
        Trainer.Parameters params = Trainer.Parameters.heUniform(shape, rng);
        // non-zero biases, so that their gradients are tested away from the symmetric start
        double[] values = Matrices.values(params.values);
        for (int i = 0; i < values.length; i++) {
            values[i] += 0.1 * (rng.nextDouble() - 0.5);
        }
        params.values.assign(Matrices.of(values, 1, values.length));
        List<LayerPass> passes = params.passes();
        double[] x = new double[n * input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1;
        }
        double[] y = new double[n * classes];
        for (int i = 0; i < n; i++) {
            y[i * classes + rng.nextInt(classes)] = 1;
        }
        INDArray xb = Matrices.of(x, n, input.size());
        INDArray yb = Matrices.of(y, n, classes);

        Trainer.backward(params, passes, xb, yb);
        double[] analytic = Matrices.values(params.gradient);
        assertEquals(values.length, analytic.length);
        for (int i = 0; i < values.length; i++) {
            double saved = params.values.getDouble(0, i);
            params.values.putScalar(0, i, saved + STEP);
            double up = Trainer.backward(params, passes, xb, yb);
            params.values.putScalar(0, i, saved - STEP);
            double down = Trainer.backward(params, passes, xb, yb);
            params.values.putScalar(0, i, saved);
            double numeric = (up - down) / (2 * STEP);
            double error = Math.abs(numeric - analytic[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[i]));
            assertTrue(error < 1e-5, spec + ": parameter " + i + " of " + values.length + ": finite difference "
                    + numeric + ", training gradient " + analytic[i]);
        }
    }
}
