package org.barq.api.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.model.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Group-wise scales: FORMULATION §2 applied to each group of G consecutive inputs of a row. */
class GroupWiseGridTest {

    private static DenseLayer randomLayer(int out, int in, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * 0.3);
        }
        return new DenseLayer(out, in, w, new float[out]);
    }

    /** The same weights as {@code [out * in / g, g]}: one group per row. */
    private static DenseLayer oneGroupPerRow(DenseLayer layer, int g) {
        return new DenseLayer(layer.out() * layer.in() / g, g, layer.weights(), new float[layer.out() * layer.in() / g]);
    }

    @ParameterizedTest
    @CsvSource({"2,absmax,4", "4,absmax,8", "8,absmax,5", "3,mse,4", "4,mse,10", "8,mse,2", "4,absmax,1", "4,mse,40"})
    void eachGroupIsFittedAsARowOfItsOwn(int bits, String method, int g) {
        DenseLayer layer = randomLayer(6, 40, bits * 17L + g);
        LayerGrid grouped = LayerGrid.fit(layer, new GridSpec(bits, ScaleMethod.parse(method), g));
        LayerGrid rows = LayerGrid.fit(oneGroupPerRow(layer, g), new GridSpec(bits, ScaleMethod.parse(method)));
        assertArrayEquals(rows.scales(), grouped.scales());
        assertEquals(g, grouped.groupSize());
        assertEquals(40 / g, grouped.groups());
        assertEquals(6, grouped.rows());
        for (int r = 0; r < layer.out(); r++) {
            for (int j = 0; j < layer.in(); j++) {
                int flat = r * layer.in() + j;
                double w = layer.weight(r, j);
                assertEquals(rows.scale(flat / g, flat % g), grouped.scale(r, j));
                assertEquals(rows.floorCode(flat / g, flat % g, w), grouped.floorCode(r, j, w));
                assertEquals(rows.nearestUp(flat / g, flat % g, w), grouped.nearestUp(r, j, w));
                assertEquals(rows.dequantize(flat / g, flat % g, 3), grouped.dequantize(r, j, 3));
            }
        }
    }

    @Test
    void aGroupAsWideAsTheLayerIsOneScalePerRow() {
        DenseLayer layer = randomLayer(5, 24, 3);
        for (ScaleMethod method : ScaleMethod.values()) {
            LayerGrid perRow = LayerGrid.fit(layer, new GridSpec(4, method));
            LayerGrid whole = LayerGrid.fit(layer, new GridSpec(4, method, 24));
            assertArrayEquals(perRow.scales(), whole.scales());
            assertEquals(24, perRow.groupSize());
            assertEquals(1, perRow.groups());
            assertEquals(24, whole.groupSize());
        }
    }

    @Test
    void handValuesOnATwoByFourLayerWithGroupsOfTwo() {
        // Row 0: groups [0.7, -0.35] and [0, 0]; row 1: groups [1.4, 0.2] and [-2.1, 0.7]. 4 bits: qmax 7.
        DenseLayer layer = new DenseLayer(2, 4, new float[] {0.7f, -0.35f, 0f, 0f, 1.4f, 0.2f, -2.1f, 0.7f},
                new float[2]);
        LayerGrid grid = LayerGrid.fit(layer, new GridSpec(4, ScaleMethod.ABSMAX, 2));
        float s00 = (float) (0.7f / 7.0);
        float s10 = (float) (1.4f / 7.0);
        float s11 = (float) (2.1f / 7.0);
        assertArrayEquals(new float[] {s00, 1f, s10, s11}, grid.scales(), "a group of zeros gets scale 1");
        assertEquals(s00, grid.scale(0, 1));
        assertEquals(1f, grid.scale(0, 2));
        assertEquals(s11, grid.scale(1, 3));
        assertEquals(7, grid.floorCode(0, 0, 0.7f) + (grid.nearestUp(0, 0, 0.7f) ? 1 : 0));
        assertEquals(-7, grid.floorCode(1, 2, -2.1f) + (grid.nearestUp(1, 2, -2.1f) ? 1 : 0));
        assertEquals(2, grid.floorCode(1, 3, 0.7f));
        assertFalse(grid.nearestUp(1, 3, 0.7f), "0.7 / 0.3 = 2.33: down to 2 in its own group's scale");
        assertEquals(1, grid.floorCode(1, 1, 0.2f), "0.2 / 0.2 = 1 in the first group of row 1");
        assertEquals(s11 * 2f, grid.dequantize(1, 3, 2));
        assertEquals(s10 * -3f, grid.dequantize(1, 0, -3));
        assertEquals(0f, grid.dequantize(0, 3, 0));
    }

    @Test
    void aGroupSizeThatDoesNotDivideTheWidthIsRefusedWithSizesThatWork() {
        DenseLayer layer = randomLayer(2, 64, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LayerGrid.fit(layer, new GridSpec(4, ScaleMethod.ABSMAX, 5)));
        assertEquals("group size 5 does not divide the layer's width 64. Maybe 4 or 8, or 0 for one scale per row?",
                e.getMessage());
        String wide = assertThrows(InvalidInputException.class,
                () -> LayerGrid.fit(layer, new GridSpec(4, ScaleMethod.ABSMAX, 65))).getMessage();
        assertTrue(wide.contains("65") && wide.contains("Maybe 64, or 0"), wide);
    }

    @Test
    void aNegativeGroupSizeIsRefusedAndTwoArgumentsMeanPerRow() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new GridSpec(4, ScaleMethod.ABSMAX, -1));
        assertTrue(e.getMessage().startsWith("group size -1 is negative. Maybe 0"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(new GridSpec(4, ScaleMethod.MSE, 0), new GridSpec(4, ScaleMethod.MSE));
    }

    @Test
    void givenScalesMustTileRowsOfGroups() {
        GridSpec spec = new GridSpec(3, ScaleMethod.ABSMAX);
        LayerGrid grid = LayerGrid.of(spec, 6, 3, new float[] {1f, 2f, 3f, 4f});
        assertEquals(2, grid.rows());
        assertEquals(2, grid.groups());
        assertEquals(2f, grid.scale(0, 3));
        assertEquals(3f, grid.scale(1, 2));
        assertThrows(InvalidInputException.class, () -> LayerGrid.of(spec, 6, 4, new float[] {1f, 2f}));
        assertThrows(InvalidInputException.class, () -> LayerGrid.of(spec, 6, 3, new float[] {1f, 2f, 3f}));
        String m = assertThrows(InvalidInputException.class,
                () -> LayerGrid.of(spec, 6, 3, new float[] {1f, 2f, 0f, 4f})).getMessage();
        assertTrue(m.contains("row 1, group 0 is 0.0"), m);
    }

    @Test
    void hintsNameTheNearestDivisors() {
        assertEquals("4 or 8, or 0 for one scale per row", GroupSize.hint(5, 64));
        assertEquals("3 or 9, or 0 for one scale per row", GroupSize.hint(4, 9));
        assertEquals("7, or 0 for one scale per row", GroupSize.hint(2, 7));
        assertEquals(16, GroupSize.of(16, 64));
        assertEquals(64, GroupSize.of(0, 64));
    }
}
