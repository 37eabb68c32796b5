package org.barq.api.grid;

import org.barq.api.InvalidInputException;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.QuantizedLayer;

/**
 * The grid of one layer: a scale per row and group of {@link #groupSize()} consecutive inputs (one group per row
 * when the group is as wide as the layer), and the code range. Scales are F32, as stored in checkpoints; the codes'
 * arithmetic happens in double on the F32 scale, so that solvers, checkpoints and readers agree. Methods that need a
 * scale take the weight's row and column.
 */
public final class LayerGrid {
    private final GridSpec spec;
    private final int rows;
    private final int cols;
    private final int groupSize;
    private final int groups;
    private final float[] scales;

    private LayerGrid(GridSpec spec, int cols, int groupSize, float[] scales) {
        this.spec = spec;
        this.cols = cols;
        this.groupSize = groupSize;
        this.groups = cols / groupSize;
        this.rows = scales.length / groups;
        this.scales = scales;
    }

    /**
     * @param spec      bits and method (its group size is not looked at: {@code groupSize} is this layer's)
     * @param cols      the layer's inputs
     * @param groupSize inputs per scale, in {@code [1, cols]}, dividing {@code cols}; {@code cols} for one per row
     * @param scales    positive, finite scales, row-major {@code [rows, cols / groupSize]}
     * @return the grid
     */
    public static LayerGrid of(GridSpec spec, int cols, int groupSize, float[] scales) {
        if (cols < 1 || !GroupSize.divides(groupSize, cols)) {
            throw new InvalidInputException("group size " + groupSize + " does not divide the layer's width " + cols
                    + ". Maybe " + GroupSize.hint(groupSize, Math.max(cols, 1)) + "?");
        }
        int groups = cols / groupSize;
        if (scales.length == 0 || scales.length % groups != 0) {
            throw new InvalidInputException(scales.length + " scales do not make rows of " + groups + " groups.");
        }
        for (int k = 0; k < scales.length; k++) {
            if (!(scales[k] > 0) || !Float.isFinite(scales[k])) {
                throw new InvalidInputException("scale of row " + k / groups + ", group " + k % groups + " is "
                        + scales[k] + "; scales must be positive and finite.");
            }
        }
        return new LayerGrid(spec, cols, groupSize, scales.clone());
    }

    /**
     * Fits the scales to a layer's weights (FORMULATION §2, §8), each group of a row on its own: absmax, or the
     * {@code mse} search over 101 values of alpha from 1 down to 0.5 where a tie keeps the larger alpha. A group of
     * zeros gets scale 1.
     *
     * @param layer the float layer
     * @param spec  bits, method and group size
     * @return the grid
     * @throws InvalidInputException if the group size does not divide the layer's width
     */
    public static LayerGrid fit(DenseLayer layer, GridSpec spec) {
        int in = layer.in();
        int size = GroupSize.of(spec.groupSize(), in);
        int groups = in / size;
        float[] scales = new float[layer.out() * groups];
        double[] group = new double[size];
        for (int r = 0; r < layer.out(); r++) {
            for (int g = 0; g < groups; g++) {
                for (int k = 0; k < size; k++) {
                    group[k] = layer.weight(r, g * size + k);
                }
                scales[r * groups + g] = fitScale(group, spec);
            }
        }
        return new LayerGrid(spec, in, size, scales);
    }

    /** The scale of one row, or one group of a row, as FORMULATION §2 fits a row. */
    private static float fitScale(double[] w, GridSpec spec) {
        double absmax = 0;
        for (double v : w) {
            absmax = Math.max(absmax, Math.abs(v));
        }
        if (absmax == 0) {
            return 1f;
        }
        float base = (float) (absmax / spec.qmax());
        if (spec.method() == ScaleMethod.ABSMAX) {
            return base;
        }
        float best = base;
        double bestError = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= 100; k++) {
            double alpha = 1.0 - 0.5 * k / 100.0;
            float s = (float) (alpha * absmax / spec.qmax());
            if (!(s > 0)) {
                continue;
            }
            double error = 0;
            for (double v : w) {
                double d = v - (double) s * nearestCode(v, s, spec);
                error += d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = s;
            }
        }
        return best;
    }

    private static int nearestCode(double w, float s, GridSpec spec) {
        int f = clampCode(Math.floor(w / s), spec);
        int up = Math.min(f + 1, spec.qmax());
        return (w / s - f >= 0.5) ? up : f;
    }

    private static int clampCode(double v, GridSpec spec) {
        if (v < spec.qmin()) {
            return spec.qmin();
        }
        if (v > spec.qmax()) {
            return spec.qmax();
        }
        return (int) v;
    }

    /** @return bits and method */
    public GridSpec spec() {
        return spec;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of inputs */
    public int cols() {
        return cols;
    }

    /** @return inputs per scale; {@link #cols()} when each row has one scale */
    public int groupSize() {
        return groupSize;
    }

    /** @return scales per row, {@code cols / groupSize} */
    public int groups() {
        return groups;
    }

    /** @return the scale of weight {@code (r, j)}: its row's, or its group's {@code s_{r, j / groupSize}} */
    public float scale(int r, int j) {
        return scales[r * groups + j / groupSize];
    }

    /** @return a fresh copy of the scales, row-major {@code [rows, groups]} */
    public float[] scales() {
        return scales.clone();
    }

    /** @return {@code f = clamp(floor(w / s))} with the scale of weight {@code (r, j)} */
    public int floorCode(int r, int j, double w) {
        return clampCode(Math.floor(w / scale(r, j)), spec);
    }

    /** @return the up choice {@code clamp(f + 1)} */
    public int upCode(int floor) {
        return Math.min(floor + 1, spec.qmax());
    }

    /** @return round-to-nearest's choice for weight {@code (r, j)}: up iff {@code w / s - f >= 0.5} */
    public boolean nearestUp(int r, int j, double w) {
        return w / scale(r, j) - floorCode(r, j, w) >= 0.5;
    }

    /** @return the dequantized weight {@code (r, j)}, {@code s * q} in F32, exactly as a checkpoint stores it */
    public float dequantize(int r, int j, int code) {
        return scale(r, j) * (float) code;
    }

    /**
     * @param codes the layer's codes, row-major {@code [rows, cols]}
     * @return the codes with this grid's scales
     */
    public QuantizedLayer quantized(byte[] codes) {
        return new QuantizedLayer(rows, cols, groupSize, codes, scales);
    }
}
