package org.barq.api.problem;

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

    /** @return the float weight behind variable {@code v}, widened to double */
    public double floatWeight(int v) {
        return layer.weight(space.rowOf(v), space.colOf(v));
    }
}
