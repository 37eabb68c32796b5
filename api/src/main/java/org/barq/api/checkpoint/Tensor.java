package org.barq.api.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.barq.api.InvalidInputException;

/**
 * One tensor of a safetensors file: its dtype, its shape and its bytes, row-major and little-endian. Immutable:
 * the arrays are copied in and out.
 *
 * @param dtype a safetensors dtype name, see {@link Dtype}
 * @param shape the dimensions, each non-negative; empty for a scalar
 * @param data  exactly {@code product(shape) * dtype size} bytes
 */
public record Tensor(String dtype, long[] shape, byte[] data) {

    /** Validates the dtype, the shape and that the byte count matches them. */
    public Tensor {
        Dtype type = Dtype.named(dtype).orElseThrow(() -> new InvalidInputException("tensor dtype '" + dtype
                + "' is unknown. Maybe one of: " + Dtype.choices() + "?"));
        long expected = byteCount(type, shape);
        if (expected != data.length) {
            throw new InvalidInputException("tensor of dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " needs " + expected + " bytes but has " + data.length + ". Maybe the file was cut short or"
                    + " edited?");
        }
        shape = shape.clone();
        data = data.clone();
    }

    /**
     * @param type  element type
     * @param shape dimensions
     * @return {@code product(shape) * size(type)}
     * @throws InvalidInputException if a dimension is negative or the product overflows a long
     */
    static long byteCount(Dtype type, long[] shape) {
        long n = type.bytes();
        for (long dim : shape) {
            if (dim < 0) {
                throw new InvalidInputException("tensor shape " + Arrays.toString(shape) + " has a negative dimension "
                        + dim + ".");
            }
            try {
                n = Math.multiplyExact(n, dim);
            } catch (ArithmeticException e) {
                throw new InvalidInputException("tensor shape " + Arrays.toString(shape) + " is too large.", e);
            }
        }
        return n;
    }

    /**
     * @param shape  dimensions
     * @param values the elements, row-major
     * @return an F32 tensor holding {@code values} little-endian
     */
    public static Tensor f32(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(Dtype.F32.name(), shape, b.array());
    }

    /**
     * @param shape  dimensions
     * @param values the elements, row-major
     * @return an I8 tensor holding {@code values}
     */
    public static Tensor i8(long[] shape, byte[] values) {
        return new Tensor(Dtype.I8.name(), shape, values);
    }

    /** @return the element type */
    public Dtype type() {
        return Dtype.valueOf(dtype);
    }

    /** @return a fresh copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return a fresh copy of the bytes */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * @return the elements of an F32 tensor, row-major
     * @throws InvalidInputException if the tensor is not F32
     */
    public float[] floats() {
        requireType(Dtype.F32);
        float[] f = new float[data.length / Float.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    /**
     * @return the elements of an I8 tensor, row-major
     * @throws InvalidInputException if the tensor is not I8
     */
    public byte[] bytes() {
        requireType(Dtype.I8);
        return data.clone();
    }

    private void requireType(Dtype wanted) {
        if (!dtype.equals(wanted.name())) {
            throw new InvalidInputException("tensor has dtype " + dtype + " where " + wanted + " is needed. Maybe"
                    + " convert it to " + wanted + "?");
        }
    }

    /** The bytes without copying, for the writer. */
    byte[] rawData() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.dtype.equals(dtype) && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
