package org.barq.interop.onnx;

import java.util.Arrays;
import java.util.Optional;
import onnx.Onnx;
import org.barq.api.InvalidInputException;
import org.barq.api.model.InputScaling;

/**
 * What a graph does to its raw input before its first layer, {@code y = a x + b} per feature: the {@code Sub},
 * {@code Add}, {@code Mul} and {@code Div} by constants that a PyTorch model's normalisation exports as (e.g.
 * {@code (x - mean) / std}), each constant a scalar, one value per feature, or anything that broadcasts over the
 * input (one value per channel of an image). barq keeps it as the network's {@link InputScaling}.
 */
final class InputAffine {
    private final double[] slope;
    private final double[] shift;
    private boolean touched;

    /** @param features the input's width */
    InputAffine(int features) {
        slope = new double[features];
        shift = new double[features];
        Arrays.fill(slope, 1.0);
    }

    /** {@code y * k}, or {@code y / k} when {@code divide}. */
    void scale(double[] k, boolean divide, String where) {
        for (int f = 0; f < slope.length; f++) {
            if (divide && k[f] == 0) {
                throw new InvalidInputException(where + " divides the input of feature " + f + " by 0. Maybe the"
                        + " normalisation's std has a zero?");
            }
            double factor = divide ? 1 / k[f] : k[f];
            slope[f] *= factor;
            shift[f] *= factor;
        }
        touched = true;
    }

    /** {@code y + c}, or {@code y - c} when {@code subtract}. */
    void shift(double[] c, boolean subtract) {
        for (int f = 0; f < shift.length; f++) {
            shift[f] += subtract ? -c[f] : c[f];
        }
        touched = true;
    }

    /**
     * @return the scaling {@code (raw - offset) * scale}, single values where every feature shares one; empty when
     *         the graph does nothing to its input
     */
    Optional<InputScaling> scaling(String source) {
        if (!touched) {
            return Optional.empty();
        }
        double[] offset = new double[slope.length];
        for (int f = 0; f < slope.length; f++) {
            if (!(slope[f] > 0) || !Double.isFinite(slope[f]) || !Double.isFinite(shift[f])) {
                throw new InvalidInputException(source + " multiplies input feature " + f + " by " + slope[f]
                        + " before its first layer; barq's input scaling keeps a positive finite factor per feature."
                        + " Maybe fold the sign into the first layer's weights?");
            }
            offset[f] = shift[f] == 0 ? 0.0 : -shift[f] / slope[f];
        }
        return Optional.of(new InputScaling(compact(offset), compact(slope)));
    }

    private static double[] compact(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]) ? new double[] {values[0]} : values.clone();
    }

    /**
     * Spreads a constant over the input's features as ONNX broadcasts it against {@code [N, dims...]}.
     *
     * @param t      the constant
     * @param values its values, row-major
     * @param dims   the input's dimensions after the batch, e.g. {@code [784]} or {@code [3, 32, 32]}
     * @param where  the node, for errors
     * @return one value per feature, in the input's row-major order
     */
    static double[] perFeature(Onnx.TensorProto t, float[] values, int[] dims, String where) {
        int rank = t.getDimsCount();
        int features = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
        if (rank > dims.length + 1 || (rank == dims.length + 1 && t.getDims(0) != 1)) {
            throw notBroadcast(t, dims, where);
        }
        // The constant's dims, right-aligned to the input's (without the batch), 1 where it has none.
        long[] aligned = new long[dims.length];
        Arrays.fill(aligned, 1);
        for (int i = 0; i < Math.min(rank, dims.length); i++) {
            aligned[dims.length - 1 - i] = t.getDims(rank - 1 - i);
        }
        for (int i = 0; i < dims.length; i++) {
            if (aligned[i] != 1 && aligned[i] != dims[i]) {
                throw notBroadcast(t, dims, where);
            }
        }
        double[] spread = new double[features];
        for (int f = 0; f < features; f++) {
            int rest = f;
            int index = 0;
            int stride = 1;
            for (int i = dims.length - 1; i >= 0; i--) {
                int coordinate = rest % dims[i];
                rest /= dims[i];
                if (aligned[i] != 1) {
                    index += coordinate * stride;
                    stride *= dims[i];
                }
            }
            spread[f] = values[index];
        }
        return spread;
    }

    private static InvalidInputException notBroadcast(Onnx.TensorProto t, int[] dims, String where) {
        return new InvalidInputException(where + " combines the input, of shape [N, " + Arrays.toString(dims)
                .replaceAll("[\\[\\]]", "") + "], with a constant of dims " + t.getDimsList() + ", which does not"
                + " broadcast over it. Maybe the model was exported for other data?");
    }
}
