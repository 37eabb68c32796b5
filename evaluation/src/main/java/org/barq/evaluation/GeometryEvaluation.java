package org.barq.evaluation;

import org.barq.evaluation.slice.Slice;

/**
 * What {@link GeometryEvaluator#evaluate} computes: the metrics and the two slices behind the slice metrics, for the
 * pictures of {@code SlicePlots}.
 *
 * @param report        the metrics
 * @param floatSlice    the float model's labels on the PCA slice
 * @param roundedSlice  the rounded model's labels on the same cells
 */
public record GeometryEvaluation(GeometryReport report, Slice floatSlice, Slice roundedSlice) {
}
