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
import java.util.Set;
import java.util.function.Supplier;
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
 * Reads a network that {@code torch.onnx.export} wrote (opset 11 to 21) as a chain of barq layers: {@code Gemm},
 * {@code MatMul} (+ {@code Add} of a bias), {@code Conv}, {@code Relu}, {@code MaxPool}, {@code AveragePool},
 * {@code Flatten}, {@code Reshape} (flat input to an image at the front, an image to a flat vector later, its target
 * a constant or the {@code Shape}, {@code Gather}, {@code Unsqueeze}, {@code Concat} that {@code x.view(x.size(0),
 * -1)} exports as), {@code Constant}, {@code Identity}, a {@code Pad} of zeros (PyTorch writes one before an
 * average pool), a {@code Transpose} of a weight (a bias-free {@code Linear} without constant folding), and
 * {@code Sub}, {@code Add}, {@code Mul} or {@code Div} of the input by constants before the first layer, which become
 * the input scaling ({@link InputAffine}). Anything else (another operator, a second
 * input, a branch) is refused in one line naming the node and its operator: importing a different network than the
 * one trained would be worse than importing none.
 */
public final class OnnxImport {
    /** The opsets whose operators barq reads as described; others are refused. */
    static final int MIN_OPSET = 11;
    static final int MAX_OPSET = 21;
    /** The operators read; any other is refused before the first node is read, so the error names it. */
    private static final Set<String> OPERATORS = Set.of("Constant", "Identity", "Mul", "Div", "Sub", "Add", "Gemm",
            "MatMul", "Conv", "Relu", "MaxPool", "AveragePool", "Flatten", "Reshape", "Pad", "Shape", "Gather",
            "Unsqueeze", "Concat", "Transpose");
    /**
     * What to do about operators that users' networks commonly hold and barq does not import, for the refusal's
     * hint; a recurrent layer is named before the helper nodes that PyTorch writes ahead of it.
     */
    private static final Map<String, String> HINTS = Map.of(
            "BatchNormalization", "fold the batch norm into the layer before it (e.g. torch.ao.quantization"
                    + ".fuse_modules, or by hand) before exporting",
            "Softmax", "export the logits, without the final softmax (its arg-max is the logits')",
            "LogSoftmax", "export the logits, without the final log-softmax (its arg-max is the logits')",
            "DequantizeLinear", "export the checkpoint with --format onnx-float, the float graph that import reads",
            "QuantizeLinear", "export the checkpoint with --format onnx-float, the float graph that import reads",
            "LSTM", "replace the recurrent layer: barq imports feed-forward networks (dense, conv, pool)",
            "GRU", "replace the recurrent layer: barq imports feed-forward networks (dense, conv, pool)",
            "RNN", "replace the recurrent layer: barq imports feed-forward networks (dense, conv, pool)");
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "RNN");

    private final String source;
    private final Map<String, Onnx.TensorProto> constants = new HashMap<>();
    private final ShapeValues shapeValues = new ShapeValues(constants);
    /**
     * The shape of every tensor of the chain so far, batch first ({@link ShapeValues#BATCH}): a view's target may
     * read the batch size from an earlier one, e.g. the input in {@code head(features(x).view(x.size(0), -1))}.
     */
    private final Map<String, long[]> chain = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final InputAffine affine;
    private SampleShape inputShape;
    private SampleShape shape;
    /** Whether the current tensor is {@code [N, d]} rather than {@code [N, C, H, W]}. */
    private boolean flat;
    private String current;

    /**
     * The network read, and whether the graph stated its input scaling.
     *
     * @param network      the layers, the input shape and the scaling (a scale of 1 when the graph has none)
     * @param inputScaling what the graph does to raw inputs before its first layer, if anything
     * @param opset        the default-domain opset the file was written for
     * @param producer     who wrote it, e.g. {@code pytorch 1.13.0}
     */
    public record Imported(Network network, Optional<InputScaling> inputScaling, long opset, String producer) {
    }

    private OnnxImport(String source, SampleShape inputShape, boolean flat, String input) {
        this.source = source;
        this.inputShape = inputShape;
        this.shape = inputShape;
        this.flat = flat;
        this.affine = new InputAffine(inputShape.size());
        advance(input);
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
        SampleShape input = inputShape(inputs.get(0), source);
        OnnxImport reading = new OnnxImport(source, input, rank(inputs.get(0)) == 2, inputs.get(0).getName());
        reading.constants.putAll(initializers);
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (RECURRENT.contains(graph.getNode(i).getOpType())) {
                requireKnown(graph.getNode(i), i, source);
            }
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            requireKnown(graph.getNode(i), i, source);
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            reading.node(graph.getNode(i), i);
        }
        String output = graph.getOutput(0).getName();
        if (!reading.current.equals(output)) {
            throw new InvalidInputException(source + ": the output '" + output + "' is not the end of the chain of"
                    + " layers (which ends at '" + reading.current + "'). Maybe the graph branches?");
        }
        Optional<InputScaling> scaling = reading.affine.scaling(source);
        Network network = new Network(reading.layers, reading.inputShape, scaling.orElse(InputScaling.uniform(1)));
        return new Imported(network, scaling, opset,
                (model.getProducerName() + " " + model.getProducerVersion()).strip());
    }

    private static String where(Onnx.NodeProto node, int index, String source) {
        return source + ": node " + (node.getName().isEmpty() ? "#" + index : "'" + node.getName() + "'") + " ("
                + node.getOpType() + ")";
    }

    private static void requireKnown(Onnx.NodeProto node, int index, String source) {
        if (node.getName().startsWith(OnnxExport.CORRECTION)) {
            throw new InvalidInputException(where(node, index, source) + " is part of the logit correction that barq"
                    + " export wrote after the network (quantize --correction), which import does not read. Maybe"
                    + " export the float checkpoint, or the rounded one made without --correction?");
        }
        boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
        if (standard && OPERATORS.contains(node.getOpType())) {
            return;
        }
        String what = node.getOpType().equals("Erf") ? " (torch's GELU exports as Div, Erf, Add and Mul)" : "";
        String hint = HINTS.getOrDefault(node.getOpType(), "replace that layer before exporting"
                + (what.isEmpty() ? "" : ", e.g. by nn.ReLU"));
        throw new InvalidInputException(where(node, index, source) + what + " is not an operator barq imports"
                + " (Gemm, MatMul, Add, Conv, Relu, MaxPool, AveragePool, Flatten, Reshape, Constant, Identity, zero"
                + " Pad, Sub/Add/Mul/Div at the input). Maybe " + hint + "?");
    }

    private static int rank(Onnx.ValueInfoProto input) {
        return input.getType().getTensorType().getShape().getDimCount();
    }

    private static Onnx.ModelProto parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("ONNX file " + file + " does not exist. Maybe check the path?", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read ONNX file " + file + ": " + e.getMessage() + ". Maybe check"
                    + " that it is a readable file?", e);
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
        if (!known) {
            throw new InvalidInputException(source + ": input '" + input.getName() + "' has shape " + dims + "; barq"
                    + " imports [N, features] or [N, C, H, W] with every size but N fixed. Maybe export with a"
                    + " fixed example input, dynamic only in its first axis?");
        }
        throw new InvalidInputException(source + ": input '" + input.getName() + "' has shape " + dims + ", "
                + dims.size() + " axes; barq imports [N, features] or [N, C, H, W]. Maybe export with an example"
                + " input of shape [1, features] or [1, C, H, W]?");
    }

    private void node(Onnx.NodeProto node, int index) {
        String op = node.getOpType();
        String where = where(node, index, source);
        switch (op) {
            case "Constant" -> constants.put(node.getOutput(0), constantValue(node, where));
            case "Identity" -> identity(node, where);
            case "Mul", "Div" -> inputScale(node, op.equals("Div"), where);
            case "Sub" -> inputShift(node, true, where);
            case "Add" -> {
                if (atInput()) {
                    inputShift(node, false, where);
                } else {
                    bias(node, where);
                }
            }
            case "Gemm" -> gemm(node, where);
            case "MatMul" -> matMul(node, where);
            case "Conv" -> conv(node, where);
            case "Relu" -> add(node, new Relu(), where);
            case "MaxPool" -> pool(node, true, where);
            case "AveragePool" -> pool(node, false, where);
            case "Flatten" -> flatten(node, where);
            case "Reshape" -> reshape(node, where);
            case "Pad" -> noPadding(node, where);
            case "Shape" -> shapeOf(node, where);
            case "Gather" -> shapeValues.gather(node, where);
            case "Unsqueeze" -> shapeValues.unsqueeze(node, where);
            case "Concat" -> shapeValues.concat(node, where);
            case "Transpose" -> transpose(node, where);
            default -> throw new IllegalStateException(op + " passed requireKnown");
        }
    }

    /** A Constant's value: PyTorch writes {@code value}; opset 12 added the scalar and list forms. */
    private static Onnx.TensorProto constantValue(Onnx.NodeProto node, String where) {
        Optional<Onnx.AttributeProto> tensor = find(node, "value");
        if (tensor.isPresent()) {
            return tensor.get().getT();
        }
        Optional<Onnx.AttributeProto> f = find(node, "value_float").or(() -> find(node, "value_floats"));
        if (f.isPresent()) {
            float[] values = f.get().getName().equals("value_float") ? new float[] {f.get().getF()}
                    : toFloats(f.get().getFloatsList());
            return OnnxTensors.floatTensor(node.getOutput(0), values, f.get().getName().equals("value_float")
                    ? new long[0] : new long[] {values.length});
        }
        Optional<Onnx.AttributeProto> i = find(node, "value_int").or(() -> find(node, "value_ints"));
        if (i.isPresent()) {
            boolean scalar = i.get().getName().equals("value_int");
            long[] values = scalar ? new long[] {i.get().getI()}
                    : i.get().getIntsList().stream().mapToLong(Long::longValue).toArray();
            Onnx.TensorProto t = OnnxTensors.longTensor(node.getOutput(0), values);
            return scalar ? t.toBuilder().clearDims().build() : t;
        }
        throw new InvalidInputException(where + " has none of the attributes value, value_float(s), value_int(s);"
                + " barq reads numeric constants. Maybe the file is damaged?");
    }

    private static float[] toFloats(List<Float> values) {
        float[] f = new float[values.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = values.get(k);
        }
        return f;
    }

    private void identity(Onnx.NodeProto node, String where) {
        String in = node.getInput(0);
        if (constants.containsKey(in)) {
            constants.put(node.getOutput(0), constants.get(in));
        } else {
            requireCurrent(in, where);
            advance(node.getOutput(0));
        }
    }

    private void inputScale(Onnx.NodeProto node, boolean divide, String where) {
        requireOneConstant(node, where);
        if (!atInput()) {
            throw new InvalidInputException(where + " scales values inside the network; barq reads a Mul or Div by"
                    + " a constant only at the input, as the input scaling. Maybe fold it into the next layer?");
        }
        int data = node.getInput(0).equals(current) ? 0 : 1;
        if (divide && data != 0) {
            throw new InvalidInputException(where + " divides a constant by the input. Maybe x / k instead?");
        }
        requireCurrent(node.getInput(data), where);
        affine.scale(inputConstant(node.getInput(1 - data), where), divide, where);
        advance(node.getOutput(0));
    }

    /** A Sub or Add of a constant before the first layer, e.g. a normalisation's mean. */
    private void inputShift(Onnx.NodeProto node, boolean subtract, String where) {
        requireOneConstant(node, where);
        if (!atInput()) {
            throw new InvalidInputException(where + " subtracts values inside the network; barq reads a Sub of a"
                    + " constant only at the input, as the input scaling's offset. Maybe fold it into the layer"
                    + " before's bias?");
        }
        int data = node.getInput(0).equals(current) ? 0 : 1;
        if (subtract && data != 0) {
            throw new InvalidInputException(where + " subtracts the input from a constant. Maybe x - c instead?");
        }
        requireCurrent(node.getInput(data), where);
        affine.shift(inputConstant(node.getInput(1 - data), where), subtract);
        advance(node.getOutput(0));
    }

    /**
     * Whether the current tensor is still the raw input up to its layout: before the first layer, or after flattens
     * alone (torch's {@code nn.Flatten()} in front of a normalisation), which move no value.
     */
    private boolean atInput() {
        return layers.stream().allMatch(l -> l instanceof Flatten);
    }

    /** Sub, Add, Mul and Div are read only as arithmetic of the chain's tensor with a constant. */
    private void requireOneConstant(Onnx.NodeProto node, String where) {
        if (chain.containsKey(node.getInput(0)) && chain.containsKey(node.getInput(1))) {
            throw new InvalidInputException(where + " combines two computed tensors ('" + node.getInput(0) + "', '"
                    + node.getInput(1) + "'); barq reads " + node.getOpType() + " only with a constant. Maybe the"
                    + " graph squares, gates or adds branches, which barq does not import?");
        }
    }

    /** @return a constant combined with the input, one value per input feature */
    private double[] inputConstant(String name, String where) {
        Onnx.TensorProto t = constant(name, where);
        float[] values = OnnxTensors.floats(t, where);
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new InvalidInputException(where + " combines the input with " + v + ". Maybe the file is"
                        + " damaged?");
            }
        }
        return InputAffine.perFeature(t, values, dims(), where);
    }

    /** @return the current tensor's dimensions after the batch */
    private int[] dims() {
        return flat ? new int[] {shape.size()} : new int[] {shape.channels(), shape.height(), shape.width()};
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
        add(node, built(() -> new DenseLayer(out, in, transposed ? weight : transpose(weight, in, out), bias),
                where), where);
    }

    private void matMul(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        Onnx.TensorProto w = constant(node.getInput(1), where);
        requireRank(w, 2, where);
        int in = Math.toIntExact(w.getDims(0));
        int out = Math.toIntExact(w.getDims(1));
        add(node, built(() -> new DenseLayer(out, in, transpose(OnnxTensors.floats(w, where), in, out),
                new float[out]), where), where);
    }

    /** An Add right after a MatMul, of a constant with one value per output, is that dense layer's bias. */
    private void bias(Onnx.NodeProto node, String where) {
        int data = node.getInput(0).equals(current) ? 0 : 1;
        requireCurrent(node.getInput(data), where);
        Layer last = layers.get(layers.size() - 1);
        Onnx.TensorProto b = constants.get(node.getInput(1 - data));
        if (b == null) {
            throw new InvalidInputException(where + " adds two computed tensors; barq reads Add only as a dense"
                    + " layer's bias. Maybe the graph has a residual connection, which barq does not import?");
        }
        if (!(last instanceof DenseLayer dense) || OnnxTensors.size(b) != dense.out()) {
            throw new InvalidInputException(where + " adds a constant of " + OnnxTensors.size(b) + " values after "
                    + last.spec() + "; barq reads Add inside the network only as the bias of the dense layer before"
                    + " it, one value per output. Maybe give that layer the constant as its bias?");
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
        advance(node.getOutput(0));
    }

    private void conv(Onnx.NodeProto node, String where) {
        requireCurrent(node.getInput(0), where);
        Onnx.TensorProto w = constant(node.getInput(1), where);
        requireRank(w, 4, where);
        requireNoAutoPad(node, where);
        if (intAttribute(node, "group", 1) != 1 || !allEqual(ints(node, "dilations"), 1)) {
            throw new InvalidInputException(where + " uses groups or dilation, which barq does not import. Maybe a"
                    + " plain Conv2d?");
        }
        int stride = single(ints(node, "strides"), 1, "strides", where);
        int padding = single(ints(node, "pads"), 0, "pads", where);
        int out = Math.toIntExact(w.getDims(0));
        float[] bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                ? OnnxTensors.floats(constant(node.getInput(2), where), where) : new float[out];
        add(node, built(() -> Conv2d.of(out, Math.toIntExact(w.getDims(1)), Math.toIntExact(w.getDims(2)),
                Math.toIntExact(w.getDims(3)), stride, padding, OnnxTensors.floats(w, where), bias), where), where);
    }

    /** PyTorch writes explicit pads; {@code auto_pad} would pad by sizes barq does not compute. */
    private static void requireNoAutoPad(Onnx.NodeProto node, String where) {
        String autoPad = find(node, "auto_pad").map(a -> a.getS().toStringUtf8()).orElse("NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw new InvalidInputException(where + " has auto_pad " + autoPad + "; barq imports explicit pads."
                    + " Maybe export from PyTorch, which writes them, or set pads in the file?");
        }
    }

    private void pool(Onnx.NodeProto node, boolean max, String where) {
        requireCurrent(node.getInput(0), where);
        int kernel = single(ints(node, "kernel_shape"), -1, "kernel_shape", where);
        requireNoAutoPad(node, where);
        if (single(ints(node, "pads"), 0, "pads", where) != 0 || intAttribute(node, "ceil_mode", 0) != 0
                || !allEqual(ints(node, "dilations"), 1)) {
            throw new InvalidInputException(where + " pads, uses ceil_mode or dilation; barq imports unpadded"
                    + " pooling with floor output sizes. Maybe MaxPool2d(k) / AvgPool2d(k) with their defaults, or"
                    + " the padding moved into the convolution before?");
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
        long[] target = target(node.getInput(1), where);
        if (target.length == 4 && layers.isEmpty()) {
            long[] extents = imageExtents(target, where);
            SampleShape image = built(() -> new SampleShape(Math.toIntExact(extents[0]), Math.toIntExact(extents[1]),
                    Math.toIntExact(extents[2])), where);
            if (image.size() != shape.size()) {
                throw new InvalidInputException(where + " reshapes " + shape.size() + " inputs to " + image + ". Maybe"
                        + " the model was exported for other data?");
            }
            inputShapeIs(image);
            flat = false;
            advance(node.getOutput(0));
        } else if (target.length == 2 && (target[1] == -1 || target[1] == shape.size())) {
            add(node, new Flatten(), where);
        } else {
            throw new InvalidInputException(where + " reshapes to " + java.util.Arrays.toString(target) + "; barq"
                    + " reads a reshape of the input to [N, C, H, W] or of an image to [N, -1]. Maybe flatten"
                    + " instead?");
        }
    }

    /**
     * @return a reshape target's C, H, W, with one -1 (torch's "the rest") worked out from the input's size
     * @throws InvalidInputException when the extents cannot hold the input's values
     */
    private long[] imageExtents(long[] target, String where) {
        long[] extents = java.util.Arrays.copyOfRange(target, 1, 4);
        long known = 1;
        int rest = -1;
        for (int k = 0; k < 3; k++) {
            if (extents[k] == -1 && rest < 0) {
                rest = k;
            } else if (extents[k] > 0 && extents[k] <= shape.size() / known) {
                // each factor within what is left of the input, so the product neither overflows nor exceeds it
                known *= extents[k];
            } else if (extents[k] > 0) {
                throw new InvalidInputException(where + " reshapes " + shape.size() + " inputs to "
                        + java.util.Arrays.toString(target) + ", which holds more values than the input. Maybe the"
                        + " model was exported for other data?");
            } else {
                throw new InvalidInputException(where + " reshapes to " + java.util.Arrays.toString(target) + ";"
                        + " barq reads an image's extents as positive numbers and at most one -1. Maybe the model"
                        + " was exported for other data?");
            }
        }
        if (rest >= 0) {
            if (shape.size() % known != 0) {
                throw new InvalidInputException(where + " reshapes " + shape.size() + " inputs to "
                        + java.util.Arrays.toString(target) + ", which does not divide them. Maybe the model was"
                        + " exported for other data?");
            }
            extents[rest] = shape.size() / known;
        }
        return extents;
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
        advance(node.getOutput(0));
    }

    private void inputShapeIs(SampleShape image) {
        shape = image;
        inputShape = image;
    }

    private void add(Onnx.NodeProto node, Layer layer, String where) {
        shape = built(() -> layer.outputShape(shape), where);
        if (layer instanceof DenseLayer || layer instanceof Flatten) {
            flat = true;
        } else if (!(layer instanceof Relu)) {
            flat = false;
        }
        layers.add(layer);
        advance(node.getOutput(0));
    }

    /** Makes {@code name} the chain's current tensor, of the current shape. */
    private void advance(String name) {
        int[] dims = dims();
        long[] all = new long[dims.length + 1];
        all[0] = ShapeValues.BATCH;
        for (int k = 0; k < dims.length; k++) {
            all[k + 1] = dims[k];
        }
        chain.put(name, all);
        current = name;
    }

    /** @return what {@code make} builds, its refusal prefixed with the node */
    private static <T> T built(Supplier<T> make, String where) {
        try {
            return make.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
    }

    /** @return a Reshape's target: a constant, or a shape computed from the graph's shapes with a batch size first */
    private long[] target(String name, String where) {
        long[] computed = shapeValues.computedTarget(name, where);
        return computed != null ? computed : OnnxTensors.longs(constant(name, where), where);
    }

    private void shapeOf(Onnx.NodeProto node, String where) {
        long[] full = chain.get(node.getInput(0));
        if (full == null) {
            throw new InvalidInputException(where + " reads the shape of '" + node.getInput(0) + "', which is not a"
                    + " tensor of the chain of layers. Maybe the graph branches?");
        }
        shapeValues.shapeOf(node, full);
    }

    /**
     * A transpose of a weight: torch writes {@code MatMul(x, Transpose(W))} for a {@code Linear} without bias when
     * it does not fold constants. Barq transposes the constant; a transpose of computed values is refused.
     */
    private void transpose(Onnx.NodeProto node, String where) {
        Onnx.TensorProto w = constants.get(node.getInput(0));
        if (w == null) {
            throw new InvalidInputException(where + " transposes computed values; barq reads Transpose only of a"
                    + " weight. Maybe the graph permutes its activations, which barq does not import?");
        }
        requireRank(w, 2, where);
        List<Long> perm = ints(node, "perm");
        if (!perm.isEmpty() && !perm.equals(List.of(1L, 0L))) {
            throw new InvalidInputException(where + " permutes a matrix by " + perm + ". Maybe the file is"
                    + " damaged?");
        }
        int rows = Math.toIntExact(w.getDims(0));
        int columns = Math.toIntExact(w.getDims(1));
        constants.put(node.getOutput(0), OnnxTensors.floatTensor(node.getOutput(0),
                transpose(OnnxTensors.floats(w, where), rows, columns), new long[] {columns, rows}));
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
        if (t == null && chain.containsKey(name)) {
            throw new InvalidInputException(where + " takes '" + name + "', a tensor the network computed, where"
                    + " barq reads a weight or a constant. Maybe the graph computes on values in a way barq does not"
                    + " import?");
        }
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

    static long intAttribute(Onnx.NodeProto node, String name, long fallback) {
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
