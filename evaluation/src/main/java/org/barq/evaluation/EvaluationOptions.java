package org.barq.evaluation;

import java.util.Optional;
import org.barq.api.InvalidInputException;

/**
 * Settings of the evaluation stage (FORMULATION §5, §8).
 *
 * @param beta               the band's quantile level: the band is the samples whose float margin is at or below the
 *                           {@code beta}-quantile of the set's float margins; in {@code (0, 1]}
 * @param sliceGrid          {@code G}, cells per side of the PCA slice; 2 to {@link #MAX_SLICE_GRID}
 * @param sliceRange         the slice spans {@code a, b in [-range, range]} standard deviations; positive
 * @param interpolationSteps {@code T}, the interpolation between adjacent levels visits {@code t = 0, 1/T, ..., 1};
 *                           1 to {@link #MAX_INTERPOLATION_STEPS}
 */
public record EvaluationOptions(double beta, int sliceGrid, double sliceRange, int interpolationSteps) {

    /**
     * The most cells per side of the slice. The slice labels {@code G * G} cells, so its time grows with the square
     * of {@code G} (an MLP's slice holds a block of grid rows at a time, so its memory does not): at {@code G = 1000},
     * {@code barq evaluate} of a [784, 256, 256, 10] Fashion-MNIST model on its test split took 17 s and 1.7 GB
     * resident with {@code -Xmx3g} on an idle 2-core machine ({@code /usr/bin/time}; 38 s and 9.7 GB when the slice
     * was one block), against 7 s at {@code G = 300}. The shipped configs use 40 to 200.
     */
    public static final int MAX_SLICE_GRID = 1000;

    /**
     * The most interpolation steps {@code T}: each step labels the whole slice again ({@code T + 1} slices), so the
     * time grows with {@code T}; 200 is ten times the default. The shipped configs use 2 to 20.
     */
    public static final int MAX_INTERPOLATION_STEPS = 200;

    /** The defaults of FORMULATION §5: {@code beta = 0.2}, {@code G = 200}, range 3, {@code T = 20}. */
    public static final EvaluationOptions DEFAULTS = new EvaluationOptions(0.2, 200, 3.0, 20);

    /** Validates every value; a bad one fails with a one-line {@link InvalidInputException}. */
    public EvaluationOptions {
        if (!(beta > 0.0 && beta <= 1.0)) {
            throw new InvalidInputException("band beta " + beta + " is outside (0, 1]. Maybe 0.2, the default?");
        }
        sliceGridProblem(sliceGrid).ifPresent(problem -> {
            throw new InvalidInputException("slice grid " + sliceGrid + " " + problem + ". Maybe 200, the default?");
        });
        if (!(sliceRange > 0.0) || !Double.isFinite(sliceRange)) {
            throw new InvalidInputException("slice range " + sliceRange + " must be positive and finite. Maybe 3, the default?");
        }
        interpolationStepsProblem(interpolationSteps).ifPresent(problem -> {
            throw new InvalidInputException("interpolation steps " + interpolationSteps + " " + problem + ". Maybe 20,"
                    + " the default?");
        });
    }

    /**
     * The one statement of the slice grid's bounds, which the commands and the study config name by their own key.
     *
     * @return why {@code G} cells a side is not a slice grid (e.g. "is more than 1000 cells a side ..."), or empty
     */
    public static Optional<String> sliceGridProblem(int sliceGrid) {
        if (sliceGrid < 2) {
            return Optional.of("is below 2 cells a side");
        }
        return sliceGrid > MAX_SLICE_GRID ? Optional.of("is more than " + MAX_SLICE_GRID + " cells a side (the slice's"
                + " time grows with the square of it)") : Optional.empty();
    }

    /** @return why {@code T} is not a number of interpolation steps, or empty; as {@link #sliceGridProblem} */
    public static Optional<String> interpolationStepsProblem(int steps) {
        if (steps < 1) {
            return Optional.of("is below 1 step");
        }
        return steps > MAX_INTERPOLATION_STEPS ? Optional.of("is more than " + MAX_INTERPOLATION_STEPS + " steps, each"
                + " of which labels the whole slice again") : Optional.empty();
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
