package org.barq.interop.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reads a network that {@code torch.onnx.export} wrote (opset 11 to 17) as a chain of barq layers: {@code Gemm},
 * {@code MatMul} (+ {@code Add} of a bias), {@code Conv}, {@code Relu}, {@code MaxPool}, {@code AveragePool},
 * {@code Flatten}, {@code Reshape} (flat input to an image at the front, an image to a flat vector later),
 * {@code Constant}, {@code Identity}, a {@code Pad} of zeros (PyTorch writes one before an average pool), and a {@code Mul} or {@code Div} of the input by a scalar before the first
 * layer, which becomes the input scale. Anything else (another operator, a second input, a branch) is refused in one
 * line naming the node and its operator: importing a different network than the one trained would be worse than
 * importing none.
 */
public final class OnnxImport {
    /** The opsets whose operators barq reads as described; others are refused. */
    static final int MIN_OPSET = 11;
    static final int MAX_OPSET = 17;

    private final String source;
    private final Map<String, Onnx.TensorProto> constants = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private SampleShape inputShape;
    private SampleShape shape;
    private String current;
    private double scale = 1;
    private boolean scaled;

    /**
     * The network read, and whether the graph stated its input scale.
     *
     * @param network    the layers, the input shape and the scale (1 when the graph has none)
     * @param inputScale the scale the graph multiplies raw inputs by, if it has one
     * @param opset      the default-domain opset the file was written for
     * @param producer   who wrote it, e.g. {@code pytorch 1.13.0}
     */
    public record Imported(Network network, Optional<Double> inputScale, long opset, String producer) {
    }

    private OnnxImport(String source, SampleShape inputShape, String input) {
        this.source = source;
        this.inputShape = inputShape;
        this.shape = inputShape;
        this.current = input;
    }

    /**
     * @param file an ONNX model
     * @return the network it holds
     * @throws InvalidInputException naming the file (and node) when it cannot be read or holds something else
     */
    public static Imported read(Path file) {
        Onnx.ModelProto model = parse(file);
        String source = file.toString();
        long opset = opset(model, source);
        Onnx.GraphProto graph = model.getGraph();
        Map<String, Onnx.TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        List<Onnx.ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !initializers.containsKey(i.getName())).toList();
        if (inputs.size() != 1) {
            throw new InvalidInputException(source + " has " + inputs.size() + " inputs "
                    + inputs.stream().map(Onnx.ValueInfoProto::getName).toList() + "; barq imports networks with one"
                    + " input, the raw features. Maybe export the model with a single input tensor?");
        }
        if (graph.getOutputCount() != 1) {
            throw new InvalidInputException(source + " has " + graph.getOutputCount() + " outputs; barq imports"
                    + " networks whose one output is the logits. Maybe export only the logits?");
        }
        OnnxImport reading = new OnnxImport(source, inputShape(inputs.get(0), source), inputs.get(0).getName());
        reading.constants.putAll(initializers);
        for (int i = 0; i < graph.getNodeCount(); i++) {
            reading.node(graph.getNode(i), i);
        }
        String output = graph.getOutput(0).getName();
        if (!reading.current.equals(output)) {
            throw new InvalidInputException(source + ": the output '" + output + "' is not the end of the chain of"
                    + " layers (which ends at '" + reading.current + "'). Maybe the graph branches?");
        }
        InputScaling scaling = InputScaling.uniform(reading.scale);
        Network network = new Network(reading.layers, reading.inputShape, scaling);
        return new Imported(network, reading.scaled ? Optional.of(reading.scale) : Optional.empty(), opset,
                (model.getProducerName() + " " + model.getProducerVersion()).strip());
    }

    private static Onnx.ModelProto parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("ONNX file " + file + " does not exist. Maybe check the path?", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read ONNX file " + file + ": " + e.getMessage() + ".", e);
        }
        try {
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(bytes);
            if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
                throw new InvalidInputException(file + " holds no ONNX graph. Maybe it is not an ONNX model?");
            }
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(file + " is not a readable ONNX model (" + e.getMessage()
                    + "). Maybe it is truncated; export or copy it again?", e);
        }
    }

    private static long opset(Onnx.ModelProto model, String source) {
        for (Onnx.OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                if (id.getVersion() < MIN_OPSET || id.getVersion() > MAX_OPSET) {
                    throw new InvalidInputException(source + " uses ONNX opset " + id.getVersion() + "; barq reads"
                            + " opsets " + MIN_OPSET + " to " + MAX_OPSET + ". Maybe torch.onnx.export(...,"
                            + " opset_version=13)?");
                }
                return id.getVersion();
            }
        }
        throw new InvalidInputException(source + " imports no standard ONNX opset. Maybe it is not an ONNX model?");
    }

    /** The input is {@code [N, d]} (raw features) or {@code [N, C, H, W]}; the batch dimension may be symbolic. */
    private static SampleShape inputShape(Onnx.ValueInfoProto input, String source) {
        List<Long> dims = new ArrayList<>();
        for (Onnx.TensorShapeProto.Dimension d : input.getType().getTensorType().getShape().getDimList()) {
            dims.add(d.hasDimValue() ? d.getDimValue() : -1);
        }
        boolean known = dims.stream().skip(1).allMatch(d -> d > 0);
        if (known && dims.size() == 2) {
            return SampleShape.flat(Math.toIntExact(dims.get(1)));
        }
        if (known && dims.size() == 4) {
            return new SampleShape(Math.toIntExact(dims.get(1)), Math.toIntExact(dims.get(2)),
                    Math.toIntExact(dims.get(3)));
        }
        throw new InvalidInputException(source + ": input '" + input.getName() + "' has shape " + dims + "; barq"
                + " imports [N, features] or [N, C, H, W] with every size but N fixed. Maybe export with a fixed"
                + " example input?");
    }

    private void node(Onnx.NodeProto node, int index) {
        String op = node.getOpType();
        String where = source + ": node " + (node.getName().isEmpty() ? "#" + index : "'" + node.getName() + "'")
                + " (" + op + ")";
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            throw unsupported(where);
        }
        switch (op) {
            case "Constant" -> constants.put(node.getOutput(0), attribute(node, "value", where).getT());
            case "Identity" -> identity(node, where);
            case "Mul", "Div" -> inputScale(node, op.equals("Div"), where);
            case "Gemm" -> gemm(node, where);
            case "MatMul" -> matMul(node, where);
            case "Add" -> bias(node, where);
            case "Conv" -> conv(node, where);
            case "Relu" -> add(node, new Relu(), where);
            case "MaxPool" -> pool(node, true, where);
            case "AveragePool" -> pool(node, false, where);
            case "Flatten" -> flatten(node, where);
            case "Reshape" -> reshape(node, where);
            case "Pad" -> noPadding(node, where);
            default -> throw unsupported(where);
        }
    }

    private InvalidInputException unsupported(String where) {
        return new InvalidInputException(where + " is not an operator barq imports (Gemm, MatMul, Add, Conv, Relu,"
                + " MaxPool, AveragePool, Flatten, Reshape, Constant, Identity, zero Pad, Mul/Div at the input). Maybe replace"
                + " that layer before exporting?");
    }

    private void identity(Onnx.NodeProto node, String where) {
        String in = node.getInput(0);
        if (constants.containsKey(in)) {
            constants.put(node.getOutput(0), constants.get(in));
        } else {
            requireCurrent(in, where);
            current = node.getOutput(0);
        }
    }

    private void inputScale(Onnx.NodeProto node, boolean divide, String where) {
        if (!layers.isEmpty()) {
            throw new InvalidInputException(where + " scales values inside the network; barq reads a Mul or Div by"
                    + " a constant only at the input, as the input scale. Maybe fold it into the next layer?");
        }
        int data = node.getInput(0).equals(current) ? 0 : 1;
        if (divide && data != 0) {
            throw new InvalidInputException(where + " divides a constant by the input. Maybe x / k instead?");
        }
        requireCurrent(node.getInput(data), where);
        float[] k = OnnxTensors.floats(constant(node.getInput(1 - data), where), where);
        if (k.length != 1 || !(k[0] != 0) || !Float.isFinite(k[0])) {
            throw new InvalidInputException(where + " scales the input by a tensor of " + k.length + " values;"
                    + " barq reads one finite non-zero scalar. Maybe scale by a Python float?");
        }
        scale = divide ? scale / k[0] : scale * k[0];
        scaled = true;
        current = node.getOutput(0);
    }

    private void gemm(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        if (floatAttribute(node, "alpha", 1) != 1 || floatAttribute(node, "beta", 1) != 1
                || intAttribute(node, "transA", 0) != 0) {
            throw new InvalidInputException(where + " has alpha, beta or transA other than 1, 1, 0; barq reads the"
                    + " Gemm of a torch.nn.Linear. Maybe export a plain Linear layer?");
        }
        boolean transposed = intAttribute(node, "transB", 0) == 1;
        Onnx.TensorProto b = constant(node.getInput(1), where);
        requireRank(b, 2, where);
        int out = Math.toIntExact(b.getDims(transposed ? 0 : 1));
        int in = Math.toIntExact(b.getDims(transposed ? 1 : 0));
        float[] weight = OnnxTensors.floats(b, where);
        float[] bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                ? OnnxTensors.floats(constant(node.getInput(2), where), where) : new float[out];
        add(node, new DenseLayer(out, in, transposed ? weight : transpose(weight, in, out), bias), where);
    }

    private void matMul(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        Onnx.TensorProto w = constant(node.getInput(1), where);
        requireRank(w, 2, where);
        int in = Math.toIntExact(w.getDims(0));
        int out = Math.toIntExact(w.getDims(1));
        add(node, new DenseLayer(out, in, transpose(OnnxTensors.floats(w, where), in, out), new float[out]), where);
    }

    /** An Add right after a MatMul, of a constant with one value per output, is that dense layer's bias. */
    private void bias(Onnx.NodeProto node, String where) {
        int data = node.getInput(0).equals(current) ? 0 : 1;
        requireCurrent(node.getInput(data), where);
        Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        Onnx.TensorProto b = constants.get(node.getInput(1 - data));
        if (!(last instanceof DenseLayer dense) || b == null || OnnxTensors.size(b) != dense.out()) {
            throw new InvalidInputException(where + " is not the bias of a MatMul before it; barq reads Add only"
                    + " as a dense layer's bias. Maybe the graph has a residual connection, which barq does not"
                    + " import?");
        }
        boolean zero = true;
        for (float v : dense.biases()) {
            zero &= v == 0;
        }
        if (!zero) {
            throw new InvalidInputException(where + " adds a second bias to a dense layer. Maybe fold it in?");
        }
        layers.set(layers.size() - 1, new DenseLayer(dense.out(), dense.in(), dense.weights(),
                OnnxTensors.floats(b, where)));
        current = node.getOutput(0);
    }

    private void conv(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        Onnx.TensorProto w = constant(node.getInput(1), where);
        requireRank(w, 4, where);
        if (intAttribute(node, "group", 1) != 1 || !allEqual(ints(node, "dilations"), 1)) {
            throw new InvalidInputException(where + " uses groups or dilation, which barq does not import. Maybe a"
                    + " plain Conv2d?");
        }
        int stride = single(ints(node, "strides"), 1, "strides", where);
        int padding = single(ints(node, "pads"), 0, "pads", where);
        int out = Math.toIntExact(w.getDims(0));
        float[] bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                ? OnnxTensors.floats(constant(node.getInput(2), where), where) : new float[out];
        add(node, Conv2d.of(out, Math.toIntExact(w.getDims(1)), Math.toIntExact(w.getDims(2)),
                Math.toIntExact(w.getDims(3)), stride, padding, OnnxTensors.floats(w, where), bias), where);
    }

    private void pool(Onnx.NodeProto node, boolean max, String where) {
        requireCurrent(node.getInput(0), where);
        int kernel = single(ints(node, "kernel_shape"), -1, "kernel_shape", where);
        if (single(ints(node, "pads"), 0, "pads", where) != 0 || intAttribute(node, "ceil_mode", 0) != 0
                || !allEqual(ints(node, "dilations"), 1)) {
            throw new InvalidInputException(where + " pads, uses ceil_mode or dilation; barq imports unpadded"
                    + " pooling with floor output sizes. Maybe MaxPool2d(k) / AvgPool2d(k) with their defaults?");
        }
        int stride = single(ints(node, "strides"), 1, "strides", where);
        add(node, max ? new MaxPool2d(kernel, stride) : new AvgPool2d(kernel, stride), where);
    }

    private void flatten(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        if (intAttribute(node, "axis", 1) != 1) {
            throw new InvalidInputException(where + " flattens from axis " + intAttribute(node, "axis", 1)
                    + "; barq reads flatten(start_dim=1). Maybe torch.nn.Flatten()?");
        }
        add(node, new Flatten(), where);
    }

    /**
     * Before any layer, a reshape of the flat input to {@code [N, C, H, W]} gives the input its image shape (the
     * values keep their order); later, a reshape to {@code [N, -1]} is a flatten.
     */
    private void reshape(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        long[] target = OnnxTensors.longs(constant(node.getInput(1), where), where);
        if (target.length == 4 && layers.isEmpty()) {
            SampleShape image = new SampleShape(Math.toIntExact(target[1]), Math.toIntExact(target[2]),
                    Math.toIntExact(target[3]));
            if (image.size() != shape.size()) {
                throw new InvalidInputException(where + " reshapes " + shape.size() + " inputs to " + image + ". Maybe"
                        + " the model was exported for other data?");
            }
            inputShapeIs(image);
            current = node.getOutput(0);
        } else if (target.length == 2 && (target[1] == -1 || target[1] == shape.size())) {
            add(node, new Flatten(), where);
        } else {
            throw new InvalidInputException(where + " reshapes to " + java.util.Arrays.toString(target) + "; barq"
                    + " reads a reshape of the input to [N, C, H, W] or of an image to [N, -1]. Maybe flatten"
                    + " instead?");
        }
    }

    /** PyTorch writes a Pad of zeros before an AveragePool (count_include_pad); a Pad of anything else is refused. */
    private void noPadding(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        for (long pad : OnnxTensors.longs(constant(node.getInput(1), where), where)) {
            if (pad != 0) {
                throw new InvalidInputException(where + " pads by " + pad + "; barq imports padding only as part of"
                        + " a Conv. Maybe pad inside the convolution?");
            }
        }
        current = node.getOutput(0);
    }

    private void inputShapeIs(SampleShape image) {
        shape = image;
        inputShape = image;
    }

    private void add(Onnx.NodeProto node, Layer layer, String where) {
        try {
            shape = layer.outputShape(shape);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
        layers.add(layer);
        current = node.getOutput(0);
    }

    private void requireCurrent(String input, String where) {
        if (!input.equals(current)) {
            throw new InvalidInputException(where + " reads '" + input + "', which is not the output of the node"
                    + " before it ('" + current + "'); barq imports a single chain of layers. Maybe the graph"
                    + " branches?");
        }
    }

    private Onnx.TensorProto constant(String name, String where) {
        Onnx.TensorProto t = constants.get(name);
        if (t == null) {
            throw new InvalidInputException(where + " takes '" + name + "' as a weight, but it is not a constant or"
                    + " an initializer. Maybe export with do_constant_folding=True?");
        }
        return t;
    }

    private static void requireRank(Onnx.TensorProto t, int rank, String where) {
        if (t.getDimsCount() != rank) {
            throw new InvalidInputException(where + ": weight '" + t.getName() + "' has dims " + t.getDimsList()
                    + ", not " + rank + " of them. Maybe the file is damaged?");
        }
    }

    private static float[] transpose(float[] m, int rows, int columns) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = m[r * columns + c];
            }
        }
        return t;
    }

    private static Onnx.AttributeProto attribute(Onnx.NodeProto node, String name, String where) {
        return find(node, name).orElseThrow(() -> new InvalidInputException(where + " has no attribute '" + name
                + "'. Maybe the file is damaged?"));
    }

    private static Optional<Onnx.AttributeProto> find(Onnx.NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    private static long intAttribute(Onnx.NodeProto node, String name, long fallback) {
        return find(node, name).map(Onnx.AttributeProto::getI).orElse(fallback);
    }

    private static float floatAttribute(Onnx.NodeProto node, String name, float fallback) {
        return find(node, name).map(Onnx.AttributeProto::getF).orElse(fallback);
    }

    private static List<Long> ints(Onnx.NodeProto node, String name) {
        return find(node, name).map(Onnx.AttributeProto::getIntsList).orElse(List.of());
    }

    private static boolean allEqual(List<Long> values, long expected) {
        return values.stream().allMatch(v -> v == expected);
    }

    /** @return the one value all entries share (e.g. the same stride both ways), or the fallback when absent */
    private static int single(List<Long> values, int fallback, String name, String where) {
        if (values.isEmpty()) {
            if (fallback < 0) {
                throw new InvalidInputException(where + " has no " + name + ". Maybe the file is damaged?");
            }
            return fallback;
        }
        if (!allEqual(values, values.get(0))) {
            throw new InvalidInputException(where + " has " + name + " " + values + "; barq imports the same value"
                    + " in every direction. Maybe a square kernel, one stride and one padding?");
        }
        return Math.toIntExact(values.get(0));
    }
}
