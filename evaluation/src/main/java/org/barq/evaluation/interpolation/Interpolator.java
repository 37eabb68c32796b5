package org.barq.evaluation.interpolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barq.api.correction.LogitCorrection;
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
        return run(floatModel, low, Optional.empty(), high, Optional.empty(), set, options);
    }

    /**
     * Between two deployed models, each its rounded network and its logit correction if it has one: at {@code t}
     * the cells' logits {@code z(t)} of {@code W(t)} are labelled by {@code (1 - t) c_low(z(t)) + t c_high(z(t))}
     * (a missing correction is the identity), which is exactly the deployed low model at 0 and the deployed high
     * model at 1.
     *
     * @param floatModel     the float model, whose scaling and set give the PCA plane
     * @param low            the model rounded at {@code b} bits, {@code t = 0}
     * @param lowCorrection  its correction, or empty
     * @param high           the model rounded at {@code b + 1} bits, {@code t = 1}
     * @param highCorrection its correction, or empty
     * @param set            the samples that span the PCA plane
     * @param options        slice grid and {@code T}
     * @return the report, the end slices and each cell's first change
     */
    public static InterpolationResult run(Network floatModel, Network low, Optional<LogitCorrection> lowCorrection,
                                          Network high, Optional<LogitCorrection> highCorrection, Dataset set,
                                          EvaluationOptions options) {
        if (set.dimension() != floatModel.input().size()) {
            throw new InvalidInputException("set " + set.name() + " has " + set.dimension() + " features but the model"
                    + " takes " + floatModel.input().size() + ". Maybe another data set?");
        }
        SlicePlane plane = SlicePlane.fit(set, floatModel.scaling(), options.sliceGrid(), options.sliceRange());
        return run(low, lowCorrection, high, highCorrection, plane, options.interpolationSteps());
    }

    /**
     * @param low   the model at {@code t = 0}
     * @param high  the model at {@code t = 1}, of the same shapes
     * @param plane the slice
     * @param steps {@code T >= 1}
     * @return the report, the end slices and each cell's first change
     */
    public static InterpolationResult run(Network low, Network high, SlicePlane plane, int steps) {
        return run(low, Optional.empty(), high, Optional.empty(), plane, steps);
    }

    /** As {@link #run(Network, Network, SlicePlane, int)} between two deployed models (see above). */
    public static InterpolationResult run(Network low, Optional<LogitCorrection> lowCorrection, Network high,
                                          Optional<LogitCorrection> highCorrection, SlicePlane plane, int steps) {
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
        Slice first = start.corrected(lowCorrection).slice(plane);
        int[] previous = first.labels();
        Slice last = first;
        for (int k = 1; k <= steps; k++) {
            double t = (double) k / steps;
            last = between(start, lowCorrection, end, highCorrection, t).slice(plane);
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

    /**
     * The slices of the deployed models at a few positions, as {@link #run} labels them on its way.
     *
     * @param positions the values of {@code t}, each in {@code [0, 1]}
     * @return one slice per position, in the positions' order
     */
    public static List<Slice> slices(Network low, Optional<LogitCorrection> lowCorrection, Network high,
                                     Optional<LogitCorrection> highCorrection, SlicePlane plane,
                                     List<Double> positions) {
        SliceNetwork start = SliceNetwork.of(low);
        SliceNetwork end = SliceNetwork.of(high);
        start.requireSameShapes(end);
        List<Slice> slices = new ArrayList<>();
        for (double t : positions) {
            slices.add(between(start, lowCorrection, end, highCorrection, t).slice(plane));
        }
        return slices;
    }

    /** @return {@code W(t)}, its logits blended between the two ends' corrections when either has one */
    private static SliceNetwork between(SliceNetwork start, Optional<LogitCorrection> lowCorrection, SliceNetwork end,
                                        Optional<LogitCorrection> highCorrection, double t) {
        SliceNetwork between = SliceNetwork.interpolate(start, end, t);
        if (lowCorrection.isPresent() || highCorrection.isPresent()) {
            between = between.mapped(z -> blend(lowCorrection, highCorrection, z, t));
        }
        return between;
    }

    /** @return {@code (1 - t) c_low(z) + t c_high(z)}, a missing correction being the identity */
    private static double[] blend(Optional<LogitCorrection> low, Optional<LogitCorrection> high, double[] z,
                                  double t) {
        double[] a = low.map(c -> c.apply(z)).orElse(z);
        double[] b = high.map(c -> c.apply(z)).orElse(z);
        if (t == 1.0) {
            return b;
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (1 - t) * a[i] + t * b[i];
        }
        return out;
    }
}
