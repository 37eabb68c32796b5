package org.barq.evaluation;

import org.barq.api.InvalidInputException;

/**
 * Settings of the evaluation stage (FORMULATION §5, §8).
 *
 * @param beta               the band's quantile level: the band is the samples whose float margin is at or below the
 *                           {@code beta}-quantile of the set's float margins; in {@code (0, 1]}
 * @param sliceGrid          {@code G}, cells per side of the PCA slice; at least 2
 * @param sliceRange         the slice spans {@code a, b in [-range, range]} standard deviations; positive
 * @param interpolationSteps {@code T}, the interpolation between adjacent levels visits {@code t = 0, 1/T, ..., 1};
 *                           at least 1
 */
public record EvaluationOptions(double beta, int sliceGrid, double sliceRange, int interpolationSteps) {

    /** The defaults of FORMULATION §5: {@code beta = 0.2}, {@code G = 200}, range 3, {@code T = 20}. */
    public static final EvaluationOptions DEFAULTS = new EvaluationOptions(0.2, 200, 3.0, 20);

    /** Validates every value; a bad one fails with a one-line {@link InvalidInputException}. */
    public EvaluationOptions {
        if (!(beta > 0.0 && beta <= 1.0)) {
            throw new InvalidInputException("band beta " + beta + " is outside (0, 1]. Maybe 0.2, the default?");
        }
        if (sliceGrid < 2) {
            throw new InvalidInputException("slice grid " + sliceGrid + " is below 2 cells per side. Maybe 200, the default?");
        }
        if (!(sliceRange > 0.0) || !Double.isFinite(sliceRange)) {
            throw new InvalidInputException("slice range " + sliceRange + " must be positive and finite. Maybe 3, the default?");
        }
        if (interpolationSteps < 1) {
            throw new InvalidInputException("interpolation steps " + interpolationSteps + " must be at least 1."
                    + " Maybe 20, the default?");
        }
    }

    /** @return these options with another band level {@code beta} */
    public EvaluationOptions withBeta(double newBeta) {
        return new EvaluationOptions(newBeta, sliceGrid, sliceRange, interpolationSteps);
    }

    /** @return these options with another slice grid {@code G} */
    public EvaluationOptions withSliceGrid(int newGrid) {
        return new EvaluationOptions(beta, newGrid, sliceRange, interpolationSteps);
    }

    /** @return these options with another number of interpolation steps {@code T} */
    public EvaluationOptions withInterpolationSteps(int newSteps) {
        return new EvaluationOptions(beta, sliceGrid, sliceRange, newSteps);
    }
}
