package org.barq.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import onnx.Onnx;

/** The nodes and initializers of a graph being written, in the order they were added (so the bytes are stable). */
final class OnnxGraph {
    private final List<Onnx.NodeProto> nodes = new ArrayList<>();
    private final List<Onnx.TensorProto> initializers = new ArrayList<>();

    /** @return an INTS (or, for one value named {@code axis}/{@code transB}, INT) attribute */
    static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name);
        if (values.length == 1 && (name.equals("axis") || name.equals("transB") || name.equals("block_size")
                || name.equals("keepdims"))) {
            return a.setType(Onnx.AttributeProto.AttributeType.INT).setI(values[0]).build();
        }
        a.setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** @return a FLOAT attribute */
    static Onnx.AttributeProto real(String name, float value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }

    /** Adds a node whose first input is {@code input} and second {@code operand}; @return its output's name */
    String node(String op, String output, String input, String operand) {
        return node(op, output, List.of(input, operand));
    }

    /** Adds a node with one input and attributes; @return its output's name */
    String node(String op, String output, String input, Onnx.AttributeProto... attributes) {
        return node(op, output, List.of(input), attributes);
    }

    /** Adds a node; @return its output's name */
    String node(String op, String output, List<String> inputs, Onnx.AttributeProto... attributes) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
        inputs.forEach(n::addInput);
        for (Onnx.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        nodes.add(n.build());
        return output;
    }

    /** Adds a FLOAT initializer; @return its name */
    String floats(String name, float[] values, long[] shape) {
        initializers.add(OnnxTensors.floatTensor(name, values, shape));
        return name;
    }

    /** Adds an INT64 initializer of shape {@code [values.length]}; @return its name */
    String longs(String name, long[] values) {
        initializers.add(OnnxTensors.longTensor(name, values));
        return name;
    }

    /** Adds an INT8 or INT4 initializer of codes; @return its name */
    String codes(String name, byte[] codes, long[] shape, int type) {
        initializers.add(OnnxTensors.codeTensor(name, codes, shape, type));
        return name;
    }

    /** @return the graph from a FLOAT input {@code [N, features]} to a FLOAT output {@code [N, classes]} */
    Onnx.GraphProto.Builder build(String name, String input, int features, String output, int classes) {
        return Onnx.GraphProto.newBuilder().setName(name).addAllNode(nodes).addAllInitializer(initializers)
                .addInput(value(input, features)).addOutput(value(output, classes));
    }

    private static Onnx.ValueInfoProto value(String name, int width) {
        Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(OnnxTensors.FLOAT).setShape(shape))).build();
    }
}
