package org.barq.api.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.junit.jupiter.api.Test;

/** The up/down choices of a layer whose scales are per group: every code and value uses the weight's group scale. */
class RoundingSpaceGroupsTest {

    @Test
    void equalWeightsInTwoGroupsOfARowTakeTheirOwnGroupsCodes() {
        // Row 0: group 0 holds 0.33 next to a large 1.4, group 1 holds the same 0.33 next to a small 0.35.
        DenseLayer layer = new DenseLayer(1, 4, new float[] {1.4f, 0.33f, 0.35f, 0.33f}, new float[1]);
        LayerGrid grid = LayerGrid.fit(layer, new GridSpec(4, ScaleMethod.ABSMAX, 2));
        RoundingSpace space = RoundingSpace.of(layer, grid);
        byte[] codes = space.codes(space.nearest());
        assertEquals(2, codes[1], "0.33 / 0.2 = 1.65 rounds to 2 on the first group's grid");
        assertEquals(7, codes[3], "0.33 / 0.05 = 6.6 rounds to 7 on the second group's grid");
        float[] w = space.dequantized(space.nearest());
        assertEquals(grid.scale(0, 1) * 2f, w[1]);
        assertEquals(grid.scale(0, 3) * 7f, w[3]);
    }

    @Test
    void valuesStepsAndDequantizedWeightsUseTheGroupScale() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] weights = new float[7 * 24];
        for (int i = 0; i < weights.length; i++) {
            // Groups of very different magnitudes, so that a row scale would be visibly wrong.
            weights[i] = (float) (rng.nextGaussian() * Math.pow(10, -(i % 24) / 8));
        }
        DenseLayer layer = new DenseLayer(7, 24, weights, new float[7]);
        LayerGrid grid = LayerGrid.fit(layer, new GridSpec(3, ScaleMethod.MSE, 8));
        RoundingSpace space = RoundingSpace.of(layer, grid);
        boolean[] up = space.nearest();
        byte[] codes = space.codes(up);
        float[] w = space.dequantized(up);
        for (int v = 0; v < space.variables(); v++) {
            int r = space.rowOf(v);
            int j = space.colOf(v);
            float s = grid.scale(r, j);
            assertEquals(s * (float) space.code(v, false), space.value(v, false));
            assertEquals(s * (float) space.code(v, true), space.value(v, true));
            assertEquals(space.code(v, false), grid.floorCode(r, j, layer.weight(r, j)));
            assertEquals(grid.nearestUp(r, j, layer.weight(r, j)), up[v]);
        }
        for (int i = 0; i < w.length; i++) {
            int r = i / 24;
            int j = i % 24;
            assertEquals(grid.dequantize(r, j, codes[i]), w[i]);
            double x = layer.weight(r, j) / (double) grid.scale(r, j);
            if (x >= -4 && x <= 3) {
                assertTrue(Math.abs(layer.weight(r, j) - w[i]) <= grid.scale(r, j) / 2.0 * (1 + 1e-6), "at " + i);
            }
        }
    }

    @Test
    void aGridOfAnotherShapeIsRefused() {
        DenseLayer layer = new DenseLayer(2, 4, new float[8], new float[2]);
        LayerGrid wider = LayerGrid.of(new GridSpec(4, ScaleMethod.ABSMAX), 8, 4, new float[] {1f, 1f, 1f, 1f});
        String m = assertThrows(InvalidInputException.class, () -> RoundingSpace.of(layer, wider)).getMessage();
        assertEquals("grid is [2, 8] but the layer is [2, 4].", m);
        LayerGrid fits = LayerGrid.of(new GridSpec(4, ScaleMethod.ABSMAX), 4, 2, new float[] {1f, 2f, 3f, 4f});
        assertArrayEquals(new byte[8], RoundingSpace.of(layer, fits).codes(RoundingSpace.of(layer, fits).nearest()));
    }
}
