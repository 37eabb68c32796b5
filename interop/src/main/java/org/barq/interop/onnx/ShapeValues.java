package org.barq.interop.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.barq.api.InvalidInputException;

/**
 * The shapes a graph computes from its tensors' shapes, which barq reads only as a reshape's target: torch writes
 * {@code x.view(x.size(0), -1)} with a dynamic batch as {@code Shape}, {@code Gather}, {@code Unsqueeze},
 * {@code Concat}, then {@code Reshape}. An entry {@link #BATCH} stands where the batch size goes, which the graph
 * reads only at run time.
 */
final class ShapeValues {
    /** A shape value's entry that is the batch size. */
    static final long BATCH = Long.MIN_VALUE;

    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, Onnx.TensorProto> constants;

    /** @param constants the graph's constants and initializers so far, read as they grow */
    ShapeValues(Map<String, Onnx.TensorProto> constants) {
        this.constants = constants;
    }

    /**
     * A {@code Shape} node of a tensor of the chain.
     *
     * @param full the tensor's shape, batch first ({@link #BATCH})
     */
    void shapeOf(Onnx.NodeProto node, long[] full) {
        int start = axis(OnnxImport.intAttribute(node, "start", 0), full.length);
        int end = axis(OnnxImport.intAttribute(node, "end", full.length), full.length);
        shapes.put(node.getOutput(0), Arrays.copyOfRange(full, start, Math.max(start, end)));
    }

    private static int axis(long a, int rank) {
        return (int) Math.max(0, Math.min(rank, a < 0 ? a + rank : a));
    }

    void gather(Onnx.NodeProto node, String where) {
        long[] from = value(node.getInput(0), where);
        if (OnnxImport.intAttribute(node, "axis", 0) != 0) {
            throw new InvalidInputException(where + " gathers along axis " + OnnxImport.intAttribute(node, "axis", 0)
                    + " of a shape. Maybe the file is damaged?");
        }
        long[] indices = value(node.getInput(1), where);
        long[] picked = new long[indices.length];
        for (int k = 0; k < indices.length; k++) {
            long i = indices[k] < 0 ? indices[k] + from.length : indices[k];
            if (i < 0 || i >= from.length) {
                throw new InvalidInputException(where + " takes entry " + indices[k] + " of a shape of "
                        + from.length + ". Maybe the file is damaged?");
            }
            picked[k] = from[(int) i];
        }
        shapes.put(node.getOutput(0), picked);
    }

    /**
     * On the one-value shapes that PyTorch builds a view's target from (a gathered batch size, or a constant
     * extent when it does not fold constants), an unsqueeze changes no value.
     */
    void unsqueeze(Onnx.NodeProto node, String where) {
        shapes.put(node.getOutput(0), value(node.getInput(0), where));
    }

    void concat(Onnx.NodeProto node, String where) {
        List<long[]> parts = new ArrayList<>();
        for (String input : node.getInputList()) {
            parts.add(value(input, where));
        }
        shapes.put(node.getOutput(0), parts.stream().flatMapToLong(Arrays::stream).toArray());
    }

    /**
     * @return a computed shape that a Reshape takes as its target, or null when {@code name} is not one (a constant
     *         target is the caller's to read)
     * @throws InvalidInputException when the batch size stands anywhere but first
     */
    long[] computedTarget(String name, String where) {
        long[] computed = shapes.get(name);
        for (int k = 1; computed != null && k < computed.length; k++) {
            if (computed[k] == BATCH) {
                throw new InvalidInputException(where + " reshapes with the batch size in axis " + k + "; barq reads"
                        + " it only first. Maybe x.view(x.size(0), -1)?");
            }
        }
        return computed;
    }

    /** @return a shape the graph computed, or a constant of whole numbers, refused when the node reads anything else */
    private long[] value(String name, String where) {
        long[] value = shapes.get(name);
        Onnx.TensorProto t = constants.get(name);
        if (value == null && t != null && t.getDataType() == Onnx.TensorProto.DataType.INT64_VALUE) {
            value = OnnxTensors.longs(t, where);
        }
        if (value == null) {
            throw new InvalidInputException(where + " reads '" + name + "', which is not a shape the graph"
                    + " computed; barq reads Shape, Gather, Unsqueeze and Concat only as a reshape's target. Maybe"
                    + " the graph computes on values, which barq does not import?");
        }
        return value;
    }
}
