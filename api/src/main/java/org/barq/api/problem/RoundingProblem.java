package org.barq.api.problem;

import java.util.Arrays;
import org.barq.api.model.DenseLayer;

/**
 * The rounding problem of one layer (FORMULATION §3): its float weights, its choices, and the calibration
 * statistics that solvers beyond the objective contract may read (GPTQ needs {@code H}).
 *
 * @param layerIndex the layer's 0-based index in the model
 * @param layer      the float layer {@code W}
 * @param space      the up/down choices on the layer's grid
 * @param hessian    {@code H = X_q^T X_q}, row-major {@code [in, in]}, in double, not divided by {@code N}
 * @param samples    {@code N}, the number of calibration samples behind {@code H}
 */
public record RoundingProblem(int layerIndex, DenseLayer layer, RoundingSpace space, double[] hessian, int samples) {

    /** Validates that the shapes agree. */
    public RoundingProblem {
        if (space.rows() != layer.out() || space.cols() != layer.in()) {
            throw new IllegalArgumentException("space [" + space.rows() + ", " + space.cols()
                    + "] does not match layer [" + layer.out() + ", " + layer.in() + "]");
        }
        if (hessian.length != layer.in() * layer.in()) {
            throw new IllegalArgumentException("H has " + hessian.length + " values, expected " + layer.in() * layer.in());
        }
    }

    /**
     * @return {@code H} as one array per row, copied: a loop that reads a row of {@code H} and another array at the
     *         same index then compiles to vector instructions, which JDK 17 does not do when the two indices differ
     *         by an offset, as in the row-major {@code H} (RowUpdateBenchmark: 3.0 against 7.6 GFMA/s)
     */
    public double[][] hessianRows() {
        return rows(hessian, layer.in());
    }

    /**
     * @param square a row-major {@code n x n} matrix
     * @param n      its order
     * @return its rows, copied
     */
    public static double[][] rows(double[] square, int n) {
        double[][] rows = new double[n][];
        for (int k = 0; k < n; k++) {
            rows[k] = Arrays.copyOfRange(square, k * n, (k + 1) * n);
        }
        return rows;
    }

    /** @return the float weight behind variable {@code v}, widened to double */
    public double floatWeight(int v) {
        return layer.weight(space.rowOf(v), space.colOf(v));
    }
}
