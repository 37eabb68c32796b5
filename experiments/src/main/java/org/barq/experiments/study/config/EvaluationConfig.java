package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.barq.evaluation.EvaluationOptions;

/**
 * The metric settings of a study (FORMULATION §5); the defaults are {@link EvaluationOptions#DEFAULTS}.
 *
 * @param band               {@code beta}, the metrics' band quantile, in (0, 1]
 * @param sliceGrid          {@code G}, cells per side of the PCA slice, 2 to
 *                           {@value EvaluationOptions#MAX_SLICE_GRID}
 * @param sliceRange         the slice spans {@code [-range, range]} standard deviations, positive
 * @param interpolationSteps {@code T}, 1 to {@value EvaluationOptions#MAX_INTERPOLATION_STEPS}
 */
public record EvaluationConfig(@JsonProperty("band") Double band, @JsonProperty("slice_grid") Integer sliceGrid,
                               @JsonProperty("slice_range") Double sliceRange,
                               @JsonProperty("interpolation_steps") Integer interpolationSteps) {

    /** The defaults of every key. */
    public static final EvaluationConfig DEFAULTS = new EvaluationConfig(null, null, null, null);

    /** Applies the defaults and checks each value. */
    public EvaluationConfig {
        band = Checks.or(band, EvaluationOptions.DEFAULTS.beta());
        if (!(band > 0 && band <= 1)) {
            throw new ConfigValueException("band", band, "must lie in (0, 1]. Maybe 0.2?");
        }
        // bounded here, when the config is read, so that a study refuses before it trains its model
        int grid = Checks.or(sliceGrid, EvaluationOptions.DEFAULTS.sliceGrid());
        EvaluationOptions.sliceGridProblem(grid).ifPresent(problem -> {
            throw new ConfigValueException("slice_grid", grid, problem + ". Maybe 200?");
        });
        sliceGrid = grid;
        sliceRange = Checks.positive("slice_range", Checks.or(sliceRange, EvaluationOptions.DEFAULTS.sliceRange()), "3");
        int steps = Checks.or(interpolationSteps, EvaluationOptions.DEFAULTS.interpolationSteps());
        EvaluationOptions.interpolationStepsProblem(steps).ifPresent(problem -> {
            throw new ConfigValueException("interpolation_steps", steps, problem + ". Maybe 20?");
        });
        interpolationSteps = steps;
    }

    /** @return the evaluator's options */
    public EvaluationOptions options() {
        return new EvaluationOptions(band, sliceGrid, sliceRange, interpolationSteps);
    }
}
