package org.barq.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class QuantizedLayerTest {
    private static final byte[] CODES = {1, -2, 3, 4, 0, 7, -8, 5, 2, -1, 1, 6};

    @Test
    void eachWeightTakesItsGroupsScale() {
        // 2 rows of 6 inputs in groups of 3: scales [[0.5, 0.25], [2, 0.125]].
        QuantizedLayer q = new QuantizedLayer(2, 6, 3, CODES, new float[] {0.5f, 0.25f, 2f, 0.125f});
        assertEquals(2, q.groups());
        assertEquals(0.5f, q.scale(0, 2));
        assertEquals(0.25f, q.scale(0, 3));
        assertEquals(2f, q.scale(1, 0));
        assertEquals(0.125f, q.scale(1, 5));
        assertArrayEquals(new float[] {0.5f, -1f, 1.5f, 1f, 0f, 1.75f, -16f, 10f, 4f, -0.125f, 0.125f, 0.75f},
                q.dequantized());
        assertEquals("QuantizedLayer[2x6, groups of 3]", q.toString());
    }

    @Test
    void fourArgumentsMeanOneScalePerRow() {
        QuantizedLayer perRow = new QuantizedLayer(2, 6, CODES, new float[] {0.5f, 2f});
        assertEquals(6, perRow.groupSize());
        assertEquals(1, perRow.groups());
        assertEquals(2f, perRow.scale(1, 5));
        assertEquals(new QuantizedLayer(2, 6, 6, CODES, new float[] {0.5f, 2f}), perRow);
        assertNotEquals(new QuantizedLayer(2, 6, 3, CODES, new float[] {0.5f, 0.5f, 2f, 2f}), perRow);
        assertArrayEquals(new QuantizedLayer(2, 6, 3, CODES, new float[] {0.5f, 0.5f, 2f, 2f}).dequantized(),
                perRow.dequantized(), "equal scales in every group dequantize as one per row");
        assertEquals("QuantizedLayer[2x6]", perRow.toString());
    }

    @Test
    void groupSizesAndScaleCountsThatDoNotFitAreRefused() {
        for (int g : new int[] {0, 4, 7, -3}) {
            String m = assertThrows(InvalidInputException.class,
                    () -> new QuantizedLayer(2, 6, g, CODES, new float[] {1f, 1f})).getMessage();
            assertTrue(m.startsWith("group size " + g + " does not divide the layer's width 6. Maybe "), m);
        }
        String m = assertThrows(InvalidInputException.class,
                () -> new QuantizedLayer(2, 6, 2, CODES, new float[] {1f, 1f, 1f, 1f})).getMessage();
        assertEquals("scales have 4 values but the layer has 2 rows of 3 groups.", m);
    }

    @Test
    void aRoundedModelRunsTheGroupScales() {
        QuantizedLayer q = new QuantizedLayer(2, 6, 3, CODES, new float[] {0.5f, 0.25f, 2f, 0.125f});
        Mlp source = new Mlp(List.of(new DenseLayer(2, 6, new float[12], new float[] {0.1f, 0.2f})),
                InputScaling.uniform(1));
        RoundedModel rounded = RoundedModel.of(4, List.of(q), Network.of(source));
        assertArrayEquals(q.dequantized(), Network.matrixOf(rounded.network().layer(0)).weights());
        // A model whose weights used row scales where the codes have group scales is not that rounding.
        float[] wrong = new QuantizedLayer(2, 6, CODES, new float[] {0.5f, 2f}).dequantized();
        Network edited = rounded.network().withWeights(0, wrong);
        assertThrows(InvalidInputException.class, () -> new RoundedModel(4, List.of(q), edited));
    }
}
