package org.barq.objectives.network;

import org.barq.api.model.DenseLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between barq's primitive arrays and ND4J matrices, always in double (metrics are computed in double). */
public final class Matrices {
    private Matrices() {
    }

    /** @return a row-major {@code [rows, cols]} double matrix holding {@code values} */
    public static INDArray of(double[] values, int rows, int cols) {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(values.length + " values for [" + rows + ", " + cols + "]");
        }
        INDArray m = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, cols}, 'c');
        // one bulk copy: Nd4j.create copies element by element (0.7 s for a conv layer's 26 M patch entries)
        m.data().asNioDouble().put(values, 0, values.length);
        return m;
    }

    /** @return the layer's weight {@code W} as a {@code [out, in]} double matrix */
    public static INDArray weight(DenseLayer layer) {
        return of(layer.weightsAsDouble(), layer.out(), layer.in());
    }

    /** @return the layer's bias as a {@code [1, out]} double row */
    public static INDArray bias(DenseLayer layer) {
        return of(layer.biasesAsDouble(), 1, layer.out());
    }

    /** @return {@code values} widened to double, a fresh array */
    public static double[] widen(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    /** @return the matrix's values, row-major, a fresh array */
    public static double[] values(INDArray m) {
        INDArray c = m.isView() || m.ordering() != 'c' || m.offset() != 0 || m.data().length() != m.length()
                || m.dataType() != DataType.DOUBLE ? m.dup('c').castTo(DataType.DOUBLE) : m;
        double[] values = new double[(int) c.length()];
        c.data().asNioDouble().get(values, 0, values.length);
        return values;
    }

    /**
     * @param values row-major {@code [rows, cols]}, e.g. logits
     * @return the arg-max column of every row; ties go to the lower column
     */
    public static int[] rowArgMax(double[] values, int rows, int cols) {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (values[base + c] > values[base + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
