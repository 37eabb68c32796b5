package org.barq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FisherRatioTest {
    @Test
    void matchesHandComputedTwoClassExample() {
        // feature 1: class 0 {0, 2}, class 1 {4, 6}: mu = 3, mu_0 = 1, mu_1 = 5 -> tr S_b = 2*4 + 2*4 = 16, tr S_w = 4
        // feature 2: class 0 {1, 1}, class 1 {1, 3}: mu = 1.5, mu_0 = 1, mu_1 = 2 -> S_b adds 2*0.25 + 2*0.25 = 1,
        //            S_w adds 0 + 0 + 1 + 1 = 2;  ratio = 17 / 6
        double[] x = {0, 1, 2, 1, 4, 1, 6, 3};
        assertEquals(17.0 / 6.0, FisherRatio.of(x, 4, 2, new int[] {0, 0, 1, 1}, 2), 1e-15);
    }

    @Test
    void skipsEmptyClassesAndIsUndefinedWithoutWithinScatter() {
        double[] x = {0, 2, 4, 6};
        assertEquals(4.0, FisherRatio.of(x, 4, 1, new int[] {0, 0, 2, 2}, 3), 1e-15);
        assertTrue(Double.isNaN(FisherRatio.of(new double[] {1, 1, 5, 5}, 4, 1, new int[] {0, 0, 1, 1}, 2)));
    }
}
