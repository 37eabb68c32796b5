package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.barq.objectives.network.Matrices;
import org.junit.jupiter.api.Test;

class CalibrationBandTest {

    @Test
    void picksTheTopTwoClassesAndTheLowestMargins() {
        double[] logits = {
            1, 5, 4.5, // c1 = 1, c2 = 2, m = 0.5
            3, 3, 0, // tie: c1 = 0, c2 = 1, m = 0
            0, -1, 6, // c1 = 2, c2 = 0, m = 6
            2, 0, 1, // c1 = 0, c2 = 2, m = 1
            -1, -3, -2, // c1 = 0, c2 = 2, m = 1
        };
        // margins 0.5, 0, 6, 1, 1; sorted 0, 0.5, 1, 1, 6; beta 0.5 -> position 2 -> threshold 1
        CalibrationBand band = CalibrationBand.of(Matrices.of(logits, 5, 3), 0.5);
        assertEquals(1.0, band.threshold(), 0.0);
        assertArrayEquals(new int[] {0, 1, 3, 4}, band.indices());
        assertArrayEquals(new int[] {1, 0, 0, 0}, band.first());
        assertArrayEquals(new int[] {2, 1, 2, 2}, band.second());
        assertArrayEquals(new double[] {0.5, 0, 1, 1}, band.floatGaps(), 0.0);
        assertEquals(4, band.size());

        // beta 0.2 -> position 0.8 -> threshold 0.4: only the tie
        CalibrationBand narrow = CalibrationBand.of(Matrices.of(logits, 5, 3), 0.2);
        assertEquals(0.4, narrow.threshold(), 1e-15);
        assertArrayEquals(new int[] {1}, narrow.indices());
        assertEquals(5, CalibrationBand.of(Matrices.of(logits, 5, 3), 1.0).size());
    }

    @Test
    void handsOutCopies() {
        CalibrationBand band = CalibrationBand.of(Matrices.of(new double[] {1, 0, 0, 2}, 2, 2), 1.0);
        band.indices()[0] = 7;
        band.floatGaps()[0] = 7;
        assertEquals(0, band.indices()[0]);
        assertEquals(1.0, band.floatGaps()[0], 0.0);
    }
}
