package org.barq.objectives.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A preallocated double matrix and its row-major Java mirror, so that a hot caller (the relaxed evaluation, called
 * thousands of times) moves values in and out of ND4J without allocating.
 */
public final class MatrixBuffer {
    private final INDArray matrix;
    private final double[] values;

    /** Allocates a {@code [rows, cols]} c-order matrix and its mirror. */
    public MatrixBuffer(int rows, int cols) {
        this.matrix = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, cols}, 'c');
        this.values = new double[rows * cols];
    }

    /** @return the ND4J matrix */
    public INDArray matrix() {
        return matrix;
    }

    /** @return the Java mirror, row-major; written by the caller before {@link #upload}, read after {@link #download} */
    public double[] values() {
        return values;
    }

    /** Copies the mirror into the matrix. */
    public void upload() {
        // one bulk copy; DataBuffer.setData puts element by element
        matrix.data().asNioDouble().put(values, 0, values.length);
    }

    /** Copies the matrix into the mirror. */
    public void download() {
        matrix.data().asNioDouble().get(values, 0, values.length);
    }
}
