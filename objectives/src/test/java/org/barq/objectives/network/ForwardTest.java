package org.barq.objectives.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.junit.jupiter.api.Test;

class ForwardTest {
    @Test
    void matchesHandComputedTwoLayerNetwork() {
        DenseLayer first = new DenseLayer(2, 2, new float[] {1, -1, 0.5f, 2}, new float[] {0, -1});
        DenseLayer second = new DenseLayer(2, 2, new float[] {1, 0, -1, 1}, new float[] {0.25f, 0});
        Mlp mlp = new Mlp(List.of(first, second), InputScaling.uniform(1));
        Forward f = Forward.run(mlp, Matrices.of(new double[] {1, 2, 3, -1}, 2, 2));
        // sample 1: z1 = [-1, 3.5] -> relu [0, 3.5] -> z2 = [0.25, 3.5]
        // sample 2: z1 = [4, -1.5] -> [4, 0] -> [4.25, -4]
        assertArrayEquals(new double[] {0.25, 3.5, 4.25, -4}, Matrices.values(f.logits()), 1e-12);
        assertArrayEquals(new int[] {1, 0}, f.predictions());
        assertEquals(2, f.input(1).columns());
    }
}
