package org.barq.evaluation.interpolation;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.slice.Slice;
import org.barq.evaluation.slice.SliceNetwork;
import org.barq.evaluation.slice.SlicePlane;

/**
 * Interpolation between adjacent rounding levels (FORMULATION §5, §8): {@code W(t) = (1 - t) W^_b + t W^_(b+1)} (biases
 * likewise; they are equal for two roundings of one float model) in double, at {@code t = 0, 1/T, ..., 1}, each model
 * labelling the whole slice in one batched pass.
 */
public final class Interpolator {
    private Interpolator() {
    }

    /**
     * @param floatModel the float model, whose input scaling maps the set into the slice's input space
     * @param low        the model rounded at {@code b} bits, {@code t = 0}
     * @param high       the model rounded at {@code b + 1} bits, {@code t = 1}
     * @param set        the samples that span the PCA plane
     * @param options    slice grid and {@code T}
     * @return the report, the end slices and each cell's first change
     */
    public static InterpolationResult run(Network floatModel, Network low, Network high, Dataset set,
                                          EvaluationOptions options) {
        if (set.dimension() != floatModel.input().size()) {
            throw new InvalidInputException("set " + set.name() + " has " + set.dimension() + " features but the model"
                    + " takes " + floatModel.input().size() + ". Maybe another data set?");
        }
        SlicePlane plane = SlicePlane.fit(set, floatModel.scaling(), options.sliceGrid(), options.sliceRange());
        return run(low, high, plane, options.interpolationSteps());
    }

    /**
     * @param low   the model at {@code t = 0}
     * @param high  the model at {@code t = 1}, of the same shapes
     * @param plane the slice
     * @param steps {@code T >= 1}
     * @return the report, the end slices and each cell's first change
     */
    public static InterpolationResult run(Network low, Network high, SlicePlane plane, int steps) {
        if (steps < 1) {
            throw new InvalidInputException("interpolation steps " + steps + " must be at least 1. Maybe 20?");
        }
        SliceNetwork start = SliceNetwork.of(low);
        SliceNetwork end = SliceNetwork.of(high);
        start.requireSameShapes(end);
        int cells = plane.cells();
        double[] firstChange = new double[cells];
        java.util.Arrays.fill(firstChange, Double.NaN);
        boolean[] changed = new boolean[cells];
        int[] perStep = new int[steps];
        Slice first = start.slice(plane);
        int[] previous = first.labels();
        Slice last = first;
        for (int k = 1; k <= steps; k++) {
            double t = (double) k / steps;
            last = SliceNetwork.interpolate(start, end, t).slice(plane);
            int[] current = last.labels();
            for (int cell = 0; cell < cells; cell++) {
                if (current[cell] != previous[cell] && !changed[cell]) {
                    changed[cell] = true;
                    firstChange[cell] = t;
                    perStep[k - 1]++;
                }
            }
            previous = current;
        }
        List<Integer> counts = new ArrayList<>(steps);
        int changedCells = 0;
        for (int c : perStep) {
            counts.add(c);
            changedCells += c;
        }
        ReconfiguredJunctions reconfigured = ReconfiguredJunctions.of(first.labels(), last.labels(), changed,
                plane.grid());
        InterpolationReport report = new InterpolationReport(steps, plane.grid(), changedCells, first.junctionCount(),
                last.junctionCount(), reconfigured, counts);
        return new InterpolationResult(report, first, last, firstChange);
    }
}
