package org.barq.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx;
import org.barq.api.InvalidInputException;

/** The values of ONNX tensors (initializers and Constant nodes), from raw little-endian bytes or typed lists. */
final class OnnxTensors {
    private static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = Onnx.TensorProto.DataType.INT64_VALUE;

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
}
