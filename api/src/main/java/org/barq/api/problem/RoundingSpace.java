package org.barq.api.problem;

import org.barq.api.grid.LayerGrid;
import org.barq.api.model.DenseLayer;

/**
 * The up/down choices of one layer (FORMULATION §2). Each weight {@code (r, j)} has a floor code
 * {@code f = clamp(floor(w / s))}, with {@code s} its row's or its group's scale ({@link LayerGrid#scale(int, int)}),
 * and an up code {@code clamp(f + 1)}; a weight whose two codes are equal is
 * fixed, every other weight is a variable. Variables are numbered {@code 0 .. variables()-1} in row-major order of
 * their weights. Immutable.
 *
 * <p>The value of a rounded weight is always {@link LayerGrid#dequantize} widened to double, the same F32 product a
 * checkpoint stores, so that objectives, solvers and files agree to the bit.
 */
public final class RoundingSpace {
    private final LayerGrid grid;
    private final int rows;
    private final int cols;
    private final int[] floor;
    private final int[] variableWeight;
    private final int[] weightVariable;
    private final boolean[] nearest;

    private RoundingSpace(LayerGrid grid, int rows, int cols, int[] floor, int[] variableWeight,
                          int[] weightVariable, boolean[] nearest) {
        this.grid = grid;
        this.rows = rows;
        this.cols = cols;
        this.floor = floor;
        this.variableWeight = variableWeight;
        this.weightVariable = weightVariable;
        this.nearest = nearest;
    }

    /**
     * @param layer the float layer
     * @param grid  its grid, one scale per row or per group of a row
     * @return the choices, with round-to-nearest recorded as the starting point
     */
    public static RoundingSpace of(DenseLayer layer, LayerGrid grid) {
        int rows = layer.out();
        int cols = layer.in();
        if (grid.rows() != rows || grid.cols() != cols) {
            throw new org.barq.api.InvalidInputException("grid is [" + grid.rows() + ", " + grid.cols()
                    + "] but the layer is [" + rows + ", " + cols + "].");
        }
        int[] floor = new int[rows * cols];
        int[] weightVariable = new int[rows * cols];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                floor[i] = grid.floorCode(r, j, layer.weight(r, j));
                weightVariable[i] = grid.upCode(floor[i]) == floor[i] ? -1 : count++;
            }
        }
        int[] variableWeight = new int[count];
        boolean[] nearest = new boolean[count];
        for (int i = 0; i < floor.length; i++) {
            int v = weightVariable[i];
            if (v >= 0) {
                variableWeight[v] = i;
                nearest[v] = grid.nearestUp(i / cols, i % cols, layer.weight(i / cols, i % cols));
            }
        }
        return new RoundingSpace(grid, rows, cols, floor, variableWeight, weightVariable, nearest);
    }

    /** @return the layer's grid */
    public LayerGrid grid() {
        return grid;
    }

    /** @return output channels */
    public int rows() {
        return rows;
    }

    /** @return inputs */
    public int cols() {
        return cols;
    }

    /** @return the number of variables (free weights) */
    public int variables() {
        return variableWeight.length;
    }

    /** @return the number of fixed weights */
    public int fixed() {
        return floor.length - variableWeight.length;
    }

    /** @return the row-major weight index {@code r * in + j} of variable {@code v} */
    public int weightOf(int v) {
        return variableWeight[v];
    }

    /** @return the variable of weight index {@code i}, or -1 when that weight is fixed */
    public int variableOf(int weightIndex) {
        return weightVariable[weightIndex];
    }

    /** @return the row {@code r} of variable {@code v} */
    public int rowOf(int v) {
        return variableWeight[v] / cols;
    }

    /** @return the column {@code j} of variable {@code v} */
    public int colOf(int v) {
        return variableWeight[v] % cols;
    }

    /** @return the floor code of weight index {@code i} */
    public int floorCode(int weightIndex) {
        return floor[weightIndex];
    }

    /** @return the code of variable {@code v} under choice {@code up} */
    public int code(int v, boolean up) {
        int f = floor[variableWeight[v]];
        return up ? grid.upCode(f) : f;
    }

    /** @return the dequantized value of variable {@code v} under choice {@code up}, in double */
    public double value(int v, boolean up) {
        return grid.dequantize(rowOf(v), colOf(v), code(v, up));
    }

    /** @return {@code value(v, true) - value(v, false)}: the move of a flip from down to up */
    public double step(int v) {
        return value(v, true) - value(v, false);
    }

    /** @return round-to-nearest's choices, a fresh array (FORMULATION §2) */
    public boolean[] nearest() {
        return nearest.clone();
    }

    /**
     * @param up one choice per variable
     * @return the codes of every weight, row-major; fixed weights keep their floor code
     */
    public byte[] codes(boolean[] up) {
        requireLength(up);
        byte[] codes = new byte[floor.length];
        for (int i = 0; i < floor.length; i++) {
            int v = weightVariable[i];
            codes[i] = (byte) (v < 0 ? floor[i] : code(v, up[v]));
        }
        return codes;
    }

    /**
     * @param up one choice per variable
     * @return the dequantized weights, row-major, F32 as a checkpoint stores them
     */
    public float[] dequantized(boolean[] up) {
        byte[] codes = codes(up);
        float[] w = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            w[i] = grid.dequantize(i / cols, i % cols, codes[i]);
        }
        return w;
    }

    /** @throws IllegalArgumentException if {@code up} does not have one entry per variable */
    public void requireLength(boolean[] up) {
        if (up.length != variableWeight.length) {
            throw new IllegalArgumentException("assignment has " + up.length + " entries but the layer has "
                    + variableWeight.length + " variables.");
        }
    }
}
