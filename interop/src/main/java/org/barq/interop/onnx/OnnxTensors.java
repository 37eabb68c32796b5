package org.barq.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx;
import org.barq.api.InvalidInputException;
import org.nd4j.shade.protobuf.ByteString;

/**
 * The values of ONNX tensors (initializers and Constant nodes): read from raw little-endian bytes or typed lists,
 * written as raw little-endian bytes.
 */
final class OnnxTensors {
    static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;
    static final int INT64 = Onnx.TensorProto.DataType.INT64_VALUE;
    static final int INT8 = Onnx.TensorProto.DataType.INT8_VALUE;
    /** ONNX 1.16's INT4 (IR version 10), newer than the protobuf classes barq has: set by number. */
    static final int INT4 = 22;

    private OnnxTensors() {
    }

    /** @return the number of values the tensor's dims promise */
    static long size(Onnx.TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** @return the FLOAT tensor's values, row-major */
    static float[] floats(Onnx.TensorProto t, String where) {
        if (t.getDataType() != FLOAT) {
            throw new InvalidInputException(where + ": tensor '" + t.getName() + "' has ONNX data type "
                    + t.getDataType() + ", not FLOAT (1). Maybe export the model in float32?");
        }
        int n = count(t, where);
        float[] values = new float[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = raw(t, n, 4, where);
            for (int i = 0; i < n; i++) {
                values[i] = b.getFloat();
            }
        } else {
            requireListed(t, t.getFloatDataCount(), n, where);
            for (int i = 0; i < n; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        return values;
    }

    /** @return the INT64 tensor's values, e.g. a Reshape's target shape */
    static long[] longs(Onnx.TensorProto t, String where) {
        if (t.getDataType() != INT64) {
            throw new InvalidInputException(where + ": tensor '" + t.getName() + "' has ONNX data type "
                    + t.getDataType() + ", not INT64 (7).");
        }
        int n = count(t, where);
        long[] values = new long[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = raw(t, n, 8, where);
            for (int i = 0; i < n; i++) {
                values[i] = b.getLong();
            }
        } else {
            requireListed(t, t.getInt64DataCount(), n, where);
            for (int i = 0; i < n; i++) {
                values[i] = t.getInt64Data(i);
            }
        }
        return values;
    }

    private static int count(Onnx.TensorProto t, String where) {
        if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL) {
            throw new InvalidInputException(where + ": tensor '" + t.getName() + "' keeps its values in a file beside"
                    + " the model, which barq does not read. Maybe onnx.save_model(model, path,"
                    + " save_as_external_data=False)?");
        }
        long n = size(t);
        if (n < 0 || n > Integer.MAX_VALUE / 8) {
            throw new InvalidInputException(where + ": tensor '" + t.getName() + "' has dims " + t.getDimsList()
                    + ". Maybe the file is damaged?");
        }
        return (int) n;
    }

    private static ByteBuffer raw(Onnx.TensorProto t, int n, int width, String where) {
        if (t.getRawData().size() != (long) n * width) {
            throw new InvalidInputException(where + ": tensor '" + t.getName() + "' holds " + t.getRawData().size()
                    + " bytes but its dims " + t.getDimsList() + " need " + ((long) n * width)
                    + ". Maybe the file is damaged?");
        }
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireListed(Onnx.TensorProto t, int listed, int n, String where) {
        if (listed != n) {
            throw new InvalidInputException(where + ": tensor '" + t.getName() + "' lists " + listed
                    + " values but its dims " + t.getDimsList() + " need " + n + ". Maybe the file is damaged?");
        }
    }

    /** @return a FLOAT tensor */
    static Onnx.TensorProto floatTensor(String name, float[] values, long[] shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, FLOAT, shape, b.array());
    }

    /** @return an INT64 vector */
    static Onnx.TensorProto longTensor(String name, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return tensor(name, INT64, new long[] {values.length}, b.array());
    }

    /**
     * @param type {@link #INT8}, one code per byte, or {@link #INT4}, two per byte with element {@code 2k} in the
     *             low nibble of byte {@code k} (ONNX's packing), the last high nibble 0 when the count is odd
     * @return the codes as a tensor of that type
     */
    static Onnx.TensorProto codeTensor(String name, byte[] codes, long[] shape, int type) {
        if (type == INT8) {
            return tensor(name, INT8, shape, codes);
        }
        byte[] packed = new byte[(codes.length + 1) / 2];
        for (int i = 0; i < codes.length; i++) {
            packed[i / 2] |= (byte) ((codes[i] & 0x0F) << (4 * (i % 2)));
        }
        return tensor(name, INT4, shape, packed);
    }

    private static Onnx.TensorProto tensor(String name, int type, long[] shape, byte[] raw) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }
}
