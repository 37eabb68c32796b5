package org.barq.evaluation;

import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.junit.jupiter.api.Test;

/** A set's pass in batches gathers the same logits, gradients and representations as in one. */
class SetPassTest {
    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() - 0.5);
        }
        return v;
    }

    @Test
    void batchesGiveWhatOnePassGives() {
        SplittableRandom rng = new SplittableRandom(4);
        Network cnn = new Network(List.of(Conv2d.of(3, 1, 3, 3, 1, 1, random(rng, 27), random(rng, 3)), new Relu(),
                new MaxPool2d(2, 2), new Flatten(), new DenseLayer(4, 27, random(rng, 108), random(rng, 4))),
                new SampleShape(1, 6, 6), InputScaling.uniform(1));
        int n = 23;
        double[] x = new double[n * 36];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        SetPass whole = SetPass.run(cnn, Optional.empty(), x, n, null, n);
        SetPass batched = SetPass.run(cnn, Optional.empty(), x, n, null, 5);
        assertArrayEquals(whole.logits(), batched.logits(), 1e-12);
        assertArrayEquals(whole.gradients(), batched.gradients(), 1e-12);
        assertArrayEquals(whole.pair().first(), batched.pair().first());
        assertArrayEquals(whole.pair().second(), batched.pair().second());
        assertEquals(1, whole.hidden().size());
        assertArrayEquals(whole.hidden().get(0), batched.hidden().get(0), 1e-12);
        SetPass given = SetPass.run(cnn, Optional.empty(), x, n, whole.pair(), 4);
        assertArrayEquals(whole.gradients(), given.gradients(), 1e-12);
        assertTrue(SetPass.batchRows(cnn, 1_000_000) < 1_000_000, "a big set goes in batches");
        assertEquals(n, SetPass.batchRows(cnn, n));
    }
}
