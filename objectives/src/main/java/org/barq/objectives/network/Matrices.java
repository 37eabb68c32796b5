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
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE);
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
        return m.dup('c').data().asDouble();
    }
}
