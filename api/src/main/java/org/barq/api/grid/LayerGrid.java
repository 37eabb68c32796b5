package org.barq.api.grid;

import org.barq.api.model.DenseLayer;

/**
 * The grid of one layer: a scale per row and the code range. Scales are F32, as stored in checkpoints; the codes'
 * arithmetic happens in double on the F32 scale, so that solvers, checkpoints and readers agree.
 */
public final class LayerGrid {
    private final GridSpec spec;
    private final float[] scales;

    private LayerGrid(GridSpec spec, float[] scales) {
        this.spec = spec;
        this.scales = scales;
    }

    /**
     * @param spec   bits and method
     * @param scales one positive, finite scale per row
     * @return the grid
     */
    public static LayerGrid of(GridSpec spec, float[] scales) {
        for (int r = 0; r < scales.length; r++) {
            if (!(scales[r] > 0) || !Float.isFinite(scales[r])) {
                throw new org.barq.api.InvalidInputException("scale of row " + r + " is " + scales[r]
                        + "; scales must be positive and finite.");
            }
        }
        return new LayerGrid(spec, scales.clone());
    }

    /**
     * Fits the scales to a layer's weights (FORMULATION §2, §8): absmax, or the {@code mse} search over 101 values
     * of alpha from 1 down to 0.5 where a tie keeps the larger alpha. A row of zeros gets scale 1.
     *
     * @param layer the float layer
     * @param spec  bits and method
     * @return the grid
     */
    public static LayerGrid fit(DenseLayer layer, GridSpec spec) {
        float[] scales = new float[layer.out()];
        int in = layer.in();
        double[] row = new double[in];
        for (int r = 0; r < layer.out(); r++) {
            double absmax = 0;
            for (int j = 0; j < in; j++) {
                row[j] = layer.weight(r, j);
                absmax = Math.max(absmax, Math.abs(row[j]));
            }
            if (absmax == 0) {
                scales[r] = 1f;
                continue;
            }
            float base = (float) (absmax / spec.qmax());
            if (spec.method() == ScaleMethod.ABSMAX) {
                scales[r] = base;
                continue;
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
                for (int j = 0; j < in; j++) {
                    double d = row[j] - (double) s * nearestCode(row[j], s, spec);
                    error += d * d;
                }
                if (error < bestError) {
                    bestError = error;
                    best = s;
                }
            }
            scales[r] = best;
        }
        return new LayerGrid(spec, scales);
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
        return scales.length;
    }

    /** @return {@code s_r} */
    public float scale(int r) {
        return scales[r];
    }

    /** @return a fresh copy of the scales */
    public float[] scales() {
        return scales.clone();
    }

    /** @return {@code f = clamp(floor(w / s_r))} */
    public int floorCode(int r, double w) {
        return clampCode(Math.floor(w / scales[r]), spec);
    }

    /** @return the up choice {@code clamp(f + 1)} */
    public int upCode(int floor) {
        return Math.min(floor + 1, spec.qmax());
    }

    /** @return round-to-nearest's choice: up iff {@code w / s_r - f >= 0.5} */
    public boolean nearestUp(int r, double w) {
        return w / scales[r] - floorCode(r, w) >= 0.5;
    }

    /** @return the dequantized weight {@code s_r * q} in F32, exactly as a checkpoint stores it */
    public float dequantize(int r, int code) {
        return scales[r] * (float) code;
    }
}
