package org.barq.evaluation.slice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class SliceMasksTest {
    /** Rows listed from row 0; the only 3-label 2x2 block is the one at (1, 1). */
    private static final int[] THREE = {
        2, 2, 0, 0,
        2, 2, 0, 0,
        1, 1, 0, 0,
        1, 1, 1, 0,
    };

    @Test
    void boundaryCellsHaveANeighbourWithAnotherLabel() {
        boolean t = true;
        boolean f = false;
        assertArrayEquals(new boolean[] {
            f, t, t, f,
            t, t, t, f,
            t, t, t, f,
            f, f, t, t,
        }, SliceMasks.boundary(THREE, 4));
    }

    @Test
    void tripleJunctionsAreBlocksOfThreeOrMoreLabels() {
        boolean[] expected = new boolean[9];
        expected[1 * 3 + 1] = true;
        assertArrayEquals(expected, SliceMasks.junctions(THREE, 4));
        // four labels in one block is a junction too; two labels never are
        assertArrayEquals(new boolean[] {true}, SliceMasks.junctions(new int[] {0, 1, 2, 3}, 2));
        assertArrayEquals(new boolean[] {false}, SliceMasks.junctions(new int[] {0, 1, 1, 0}, 2));
    }

    @Test
    void jaccardDistanceOfMasks() {
        boolean t = true;
        boolean f = false;
        assertEquals(0.0, SliceMasks.jaccardDistance(new boolean[] {f, f}, new boolean[] {f, f}), 0.0);
        assertEquals(0.0, SliceMasks.jaccardDistance(new boolean[] {t, f}, new boolean[] {t, f}), 0.0);
        assertEquals(1.0, SliceMasks.jaccardDistance(new boolean[] {t, f}, new boolean[] {f, t}), 0.0);
        assertEquals(1.0 - 1.0 / 3.0, SliceMasks.jaccardDistance(new boolean[] {t, t, f}, new boolean[] {f, t, t}), 1e-15);
        assertThrows(InvalidInputException.class, () -> SliceMasks.jaccardDistance(new boolean[1], new boolean[2]));
    }

    @Test
    void changedFractionCountsDifferingCells() {
        assertEquals(0.25, SliceMasks.changedFraction(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 0}), 0.0);
        assertThrows(InvalidInputException.class, () -> SliceMasks.boundary(new int[5], 2));
    }
}
