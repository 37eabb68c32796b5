package org.barq.corrections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.barq.api.correction.CalibrationLogits;
import org.junit.jupiter.api.Test;

class ClusterAffineFitTest {
    @Test
    void matchesTheClosedFormLeastSquaresLinePerClusterAndOutput() {
        // Two outputs, cluster 0 = samples 0..2, cluster 1 = samples 3..4, cluster 2 empty.
        double[] zq = {0, 1, 1, 2, 2, 0, 10, 5, 12, 5};
        double[] zf = {1, 3, 3, 5, 5, 1, 20, 0, 26, 0};
        int[] assignment = {0, 0, 0, 1, 1};
        ClusterAffineFit fit = ClusterAffineFit.of(new CalibrationLogits(zf, zq, 2), assignment, 3);
        // Cluster 0, output 0: zq 0,1,2 -> zf 1,3,5: exactly 2 zq + 1. Output 1: zq 1,2,0 -> zf 3,5,1: 2 zq + 1.
        // Cluster 1, output 0: zq 10,12 -> zf 20,26: slope 3, intercept -10. Output 1: zq 5,5 (variance 0, floored):
        // cov 0, so gamma 0 and beta = mean zf = 0.
        assertArrayEquals(new float[] {2, 2, 3, 0, 1, 1}, fit.gamma(), 1e-6f);
        assertArrayEquals(new float[] {1, 1, -10, 0, 0, 0}, fit.beta(), 1e-5f);
    }
}
