package org.barq.api.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barq.api.InvalidInputException;
import org.barq.api.Sha256;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Layer;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.Relu;
import org.barq.api.model.RoundedModel;

/**
 * Turns validated safetensors content into a model, checking everything FORMULATION §6 promises: required
 * metadata, tensor names, dtypes and shapes that chain, finite values, codes within the bit width and
 * {@code weight == scale * codes} exactly in F32. Every failure is one line naming the file.
 */
final class CheckpointReader {
    /** For {@link #part}: a tensor whose shape the caller checks itself. */
    private static final int ANY_RANK = -1;
    private static final Pattern NAME =
            Pattern.compile("layers\\.(0|[1-9][0-9]{0,8})\\.(weight|bias|weight\\.codes|weight\\.scale)");

    private final String source;
    /** The file without its correction tensors, which {@link CorrectionTensors} reads from {@link #all}. */
    private final SafetensorsFile content;
    private final SafetensorsFile all;
    private final SortedMap<String, String> metadata;

    private CheckpointReader(String source, SafetensorsFile content) {
        this.source = source;
        this.all = content;
        this.content = new SafetensorsFile(content.tensors(CorrectionTensors.PREFIX, false), content.metadata());
        this.metadata = content.metadata();
    }

    static LoadedCheckpoint read(Path file) {
        byte[] bytes = Safetensors.readBytes(file);
        String source = file.toString();
        SafetensorsFile content = Safetensors.decode(bytes, source);
        CheckpointReader reader = new CheckpointReader(source, InputQuantizerTensors.without(content));
        LoadedCheckpoint loaded = reader.interpret(Sha256.hex(bytes));
        return new LoadedCheckpoint(loaded.network(), loaded.rounded(), loaded.correction(), loaded.metadata(),
                loaded.sha256(),
                InputQuantizerTensors.read(content, loaded.network().input().size(), reader::bad, reader::wrap));
    }

    private LoadedCheckpoint interpret(String sha256) {
        String format = required(Checkpoints.BARQ_FORMAT, "this is not a barq checkpoint (barq writes "
                + Checkpoints.FLOAT_FORMAT + ", " + Checkpoints.ROUNDED_FORMAT + ", " + Checkpoints.NETWORK_FORMAT
                + " or " + Checkpoints.ROUNDED_NETWORK_FORMAT + ")");
        if (format.equals(Checkpoints.NETWORK_FORMAT) || format.equals(Checkpoints.ROUNDED_NETWORK_FORMAT)) {
            return network(format.equals(Checkpoints.ROUNDED_NETWORK_FORMAT), sha256);
        }
        if (!format.equals(Checkpoints.FLOAT_FORMAT) && !format.equals(Checkpoints.ROUNDED_FORMAT)) {
            throw bad(Checkpoints.BARQ_FORMAT + " is '" + format + "', not " + Checkpoints.FLOAT_FORMAT + ", "
                    + Checkpoints.ROUNDED_FORMAT + ", " + Checkpoints.NETWORK_FORMAT + " or "
                    + Checkpoints.ROUNDED_NETWORK_FORMAT, "the file comes from a newer barq");
        }
        boolean rounded = format.equals(Checkpoints.ROUNDED_FORMAT);
        String activation = required(Checkpoints.ACTIVATION, "the file was not written by barq");
        if (!activation.equals(Checkpoints.RELU)) {
            throw bad(Checkpoints.ACTIVATION + " is '" + activation + "' but barq runs only relu MLPs",
                    "the model was written by another tool");
        }
        int bits = rounded ? bits() : 0;
        TreeMap<Integer, Map<String, Tensor>> byLayer = groupByLayer(rounded);
        List<DenseLayer> layers = new ArrayList<>();
        List<QuantizedLayer> quantized = new ArrayList<>();
        int previousOut = -1;
        for (Map.Entry<Integer, Map<String, Tensor>> e : byLayer.entrySet()) {
            int i = e.getKey();
            Map<String, Tensor> parts = e.getValue();
            Tensor weight = part(parts, i, "weight", Dtype.F32, 2);
            long[] shape = weight.shape();
            int out = dimension(Checkpoints.weightName(i), shape, 0);
            int in = dimension(Checkpoints.weightName(i), shape, 1);
            if (previousOut >= 0 && in != previousOut) {
                throw bad("layer shapes do not chain: " + Checkpoints.weightName(i) + " is " + Arrays.toString(shape)
                        + " but layer " + (i - 1) + " gives " + previousOut + " outputs", "the file was edited");
            }
            previousOut = out;
            float[] w = finite(Checkpoints.weightName(i), weight.floats());
            Tensor bias = part(parts, i, "bias", Dtype.F32, 1);
            requireShape(Checkpoints.biasName(i), bias, out);
            float[] b = finite(Checkpoints.biasName(i), bias.floats());
            layers.add(wrap(() -> new DenseLayer(out, in, w, b)));
            if (rounded) {
                Tensor codes = part(parts, i, "weight.codes", Dtype.I8, 2);
                requireShape(Checkpoints.codesName(i), codes, out, in);
                quantized.add(quantizedLayer(i, codes, part(parts, i, "weight.scale", Dtype.F32, ANY_RANK), out, w,
                        bits));
            }
        }
        requireSizes(layers);
        InputScaling scaling = scaling();
        Network network = Network.of(wrap(() -> new Mlp(layers, scaling)));
        return loaded(network, rounded, bits, quantized, sha256);
    }

    private LoadedCheckpoint loaded(Network network, boolean rounded, int bits, List<QuantizedLayer> quantized,
                                    String sha256) {
        Optional<RoundedModel> roundedModel = rounded
                ? Optional.of(wrap(() -> new RoundedModel(bits, quantized, network)))
                : Optional.empty();
        return new LoadedCheckpoint(network, roundedModel, CorrectionTensors.read(all.tensors(), metadata, rounded,
                network.classes(), this::bad, this::wrap), metadata, sha256);
    }

    /**
     * A {@link Checkpoints#NETWORK_FORMAT} or {@link Checkpoints#ROUNDED_NETWORK_FORMAT} file: the layer list, its
     * tensors, the input shape and scaling, and for a rounded one each weight layer's codes and scales.
     */
    private LoadedCheckpoint network(boolean rounded, String sha256) {
        int bits = rounded ? bits() : 0;
        List<QuantizedLayer> quantized = new ArrayList<>();
        String text = required(Checkpoints.NETWORK, "a network checkpoint lists its layers");
        JsonNode list = CheckpointJson.parse(text);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw bad(Checkpoints.NETWORK + " is not a JSON list of layers", "the metadata was edited");
        }
        List<Layer> layers = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String type = e.path("type").asText("");
            switch (type) {
                case "dense" -> {
                    long[] shape = {attribute(e, "out", i, 1), attribute(e, "in", i, 1)};
                    layers.add(matrix(i, shape, expected, bits, quantized));
                }
                case "conv" -> {
                    int out = attribute(e, "out", i, 1);
                    int in = attribute(e, "in", i, 1);
                    JsonNode kernel = e.path("kernel");
                    int kh = kernel.isArray() && kernel.size() == 2 ? kernel.get(0).asInt(0) : 0;
                    int kw = kernel.isArray() && kernel.size() == 2 ? kernel.get(1).asInt(0) : 0;
                    if (kh < 1 || kw < 1) {
                        throw bad(Checkpoints.NETWORK + " layer " + i + " (conv) has kernel " + kernel
                                + ", not [kh, kw]", "the metadata was edited");
                    }
                    DenseLayer m = matrix(i, new long[] {out, in, kh, kw}, expected, bits, quantized);
                    int stride = attribute(e, "stride", i, 1);
                    int padding = attribute(e, "padding", i, 0);
                    layers.add(wrap(() -> new Conv2d(in, kh, kw, stride, padding, m)));
                }
                case "maxpool", "avgpool" -> {
                    int kernel = attribute(e, "kernel", i, 1);
                    int stride = attribute(e, "stride", i, 1);
                    layers.add(type.equals("maxpool") ? new MaxPool2d(kernel, stride) : new AvgPool2d(kernel, stride));
                }
                case "relu" -> layers.add(new Relu());
                case "flatten" -> layers.add(new Flatten());
                default -> throw bad(Checkpoints.NETWORK + " layer " + i + " has type '" + type + "', not dense,"
                        + " conv, relu, maxpool, avgpool or flatten", "the file comes from a newer barq");
            }
        }
        Set<String> found = new TreeSet<>(content.tensors().keySet());
        found.removeAll(expected);
        if (!found.isEmpty()) {
            throw bad("tensors " + found + " belong to no layer of " + Checkpoints.NETWORK, "the file was edited");
        }
        String shapeText = required(Checkpoints.INPUT_SHAPE, "a network checkpoint records [C, H, W]");
        int[] shape = CheckpointJson.sizes(shapeText);
        if (shape == null || shape.length != 3) {
            throw bad(Checkpoints.INPUT_SHAPE + " is '" + shapeText + "', not [C, H, W]", "it should read like"
                    + " [1,28,28]");
        }
        InputScaling scaling = scaling();
        Network network = wrap(() -> new Network(layers, new SampleShape(shape[0], shape[1], shape[2]), scaling));
        return loaded(network, rounded, bits, quantized, sha256);
    }

    private int attribute(JsonNode entry, String key, int layer, int least) {
        JsonNode v = entry.path(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < least) {
            throw bad(Checkpoints.NETWORK + " layer " + layer + " (" + entry.path("type").asText() + ") has " + key
                    + " " + v + ", not an integer >= " + least, "the metadata was edited");
        }
        return v.intValue();
    }

    /**
     * @return the weight matrix {@code [out, rest]} of weight layer {@code i}, its tensors' names added to
     *         {@code seen}; with {@code bits > 0} its codes and scales are checked and added to {@code quantized}
     */
    private DenseLayer matrix(int i, long[] weightShape, Set<String> seen, int bits, List<QuantizedLayer> quantized) {
        int out = (int) weightShape[0];
        String weightName = Checkpoints.weightName(i);
        String biasName = Checkpoints.biasName(i);
        Tensor weight = tensor(weightName, Dtype.F32);
        Tensor bias = tensor(biasName, Dtype.F32);
        requireShape(weightName, weight, weightShape);
        requireShape(biasName, bias, out);
        seen.add(weightName);
        seen.add(biasName);
        float[] w = finite(weightName, weight.floats());
        float[] b = finite(biasName, bias.floats());
        if (bits > 0) {
            Tensor codes = tensor(Checkpoints.codesName(i), Dtype.I8);
            requireShape(Checkpoints.codesName(i), codes, weightShape);
            quantized.add(quantizedLayer(i, codes, tensor(Checkpoints.scaleName(i), Dtype.F32), out, w, bits));
            seen.add(Checkpoints.codesName(i));
            seen.add(Checkpoints.scaleName(i));
        }
        return wrap(() -> new DenseLayer(out, w.length / out, w, b));
    }

    private Tensor tensor(String name, Dtype dtype) {
        Tensor t = content.tensors().get(name);
        if (t == null) {
            throw bad("tensor '" + name + "' is missing", "the file was written by another tool or edited");
        }
        if (t.type() != dtype) {
            throw bad("tensor '" + name + "' has dtype " + t.dtype() + " where barq needs " + dtype,
                    "convert it to " + dtype);
        }
        return t;
    }

    /**
     * Checks codes (of the weight's shape, read as {@code [out, in]}) and scales against the F32 weight. The scales are
     * {@code [out]} (one per row) or {@code [out, in / G]} (groups of G inputs along the row, a conv layer's flattened
     * {@code in * kh * kw}); G must divide {@code in} and agree with {@link Checkpoints#GROUP_SIZE} when the file
     * records it.
     */
    private QuantizedLayer quantizedLayer(int i, Tensor codesTensor, Tensor scaleTensor, int out, float[] w,
                                          int bits) {
        int in = w.length / out;
        int groupSize = groupSizeOf(i, scaleTensor, out, in);
        int groups = in / groupSize;
        float[] scales = finite(Checkpoints.scaleName(i), scaleTensor.floats());
        for (int k = 0; k < scales.length; k++) {
            if (!(scales[k] > 0)) {
                throw bad(Checkpoints.scaleName(i) + " " + (groups == 1 ? "row " + k : "[" + (k / groups) + ", "
                        + (k % groups) + "]") + " is " + scales[k] + ", not positive", "the file was edited");
            }
        }
        byte[] codes = codesTensor.bytes();
        GridSpec grid = new GridSpec(bits, ScaleMethod.ABSMAX);
        for (int k = 0; k < codes.length; k++) {
            if (codes[k] < grid.qmin() || codes[k] > grid.qmax()) {
                throw bad(Checkpoints.codesName(i) + " [" + (k / in) + ", " + (k % in) + "] is " + codes[k]
                        + ", outside the " + bits + "-bit range [" + grid.qmin() + ", " + grid.qmax() + "]",
                        Checkpoints.BITS + " or the codes were edited");
            }
            float scale = scales[(k / in) * groups + (k % in) / groupSize];
            float dequantized = scale * (float) codes[k];
            // Bitwise, as RoundedModel compares: -0.0 is not the +0.0 that scale * 0 gives.
            if (Float.floatToIntBits(dequantized) != Float.floatToIntBits(w[k])) {
                throw bad(Checkpoints.weightName(i) + " [" + (k / in) + ", " + (k % in) + "] is " + w[k]
                        + " but scale * code = " + scale + " * " + codes[k] + " = " + dequantized
                        + " in F32 (weight != scale * codes)", "the weights were changed after rounding");
            }
        }
        return wrap(() -> new QuantizedLayer(out, in, groupSize, codes, scales));
    }

    /** @return the group size that the scale tensor's shape gives: {@code in} for {@code [out]}, else {@code in / k} */
    private int groupSizeOf(int i, Tensor scale, int out, int in) {
        String name = Checkpoints.scaleName(i);
        long[] shape = scale.shape();
        boolean perRow = shape.length == 1 && shape[0] == out;
        boolean grouped = shape.length == 2 && shape[0] == out && shape[1] >= 1 && shape[1] <= in
                && in % shape[1] == 0;
        if (!perRow && !grouped) {
            throw bad("tensor '" + name + "' has shape " + Arrays.toString(shape) + " but the layer needs [" + out
                    + "] or [" + out + ", in / G] with G dividing its " + in + " inputs", "the file was edited");
        }
        int groupSize = perRow ? in : (int) (in / shape[1]);
        int recorded = recordedGroupSize();
        if (recorded > 0 && groupSize != recorded) {
            throw bad("tensor '" + name + "' has shape " + Arrays.toString(shape) + ", groups of " + groupSize
                    + " of the layer's " + in + " inputs, but " + Checkpoints.GROUP_SIZE + " is " + recorded,
                    "the metadata or the scales were edited");
        }
        return groupSize;
    }

    /** @return {@link Checkpoints#GROUP_SIZE}, or 0 when the file does not record it (one scale per row) */
    private int recordedGroupSize() {
        String text = metadata.get(Checkpoints.GROUP_SIZE);
        if (text == null) {
            return 0;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw bad(Checkpoints.GROUP_SIZE + " is '" + text + "', not a positive integer", "the metadata was edited");
    }

    private TreeMap<Integer, Map<String, Tensor>> groupByLayer(boolean rounded) {
        TreeMap<Integer, Map<String, Tensor>> byLayer = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : content.tensors().entrySet()) {
            Matcher m = NAME.matcher(e.getKey());
            if (!m.matches()) {
                throw bad("unexpected tensor '" + e.getKey() + "'; barq checkpoints hold only layers.{i}.weight,"
                        + " .bias, .weight.codes and .weight.scale", "the file was written by another tool");
            }
            if (!rounded && m.group(2).startsWith("weight.")) {
                throw bad("tensor '" + e.getKey() + "' belongs to a rounded model but " + Checkpoints.BARQ_FORMAT
                        + " is " + Checkpoints.FLOAT_FORMAT, Checkpoints.BARQ_FORMAT + " should be "
                        + Checkpoints.ROUNDED_FORMAT);
            }
            byLayer.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>()).put(m.group(2), e.getValue());
        }
        if (byLayer.isEmpty()) {
            throw bad("the checkpoint holds no layers.{i}.weight tensors", "the file is not an MLP checkpoint");
        }
        int expected = 0;
        for (int i : byLayer.keySet()) {
            if (i != expected) {
                throw bad("layer indices " + byLayer.keySet() + " are not contiguous from 0: layers." + expected
                        + " is missing", "the file was edited");
            }
            expected++;
        }
        return byLayer;
    }

    private Tensor part(Map<String, Tensor> parts, int layer, String part, Dtype dtype, int rank) {
        String name = "layers." + layer + "." + part;
        Tensor t = parts.get(part);
        if (t == null) {
            throw bad("tensor '" + name + "' is missing", "the file was written by another tool or edited");
        }
        if (t.type() != dtype) {
            throw bad("tensor '" + name + "' has dtype " + t.dtype() + " where barq needs " + dtype,
                    "convert it to " + dtype);
        }
        if (rank != ANY_RANK && t.shape().length != rank) {
            throw bad("tensor '" + name + "' has shape " + Arrays.toString(t.shape()) + ", not of rank " + rank,
                    "the file was edited");
        }
        return t;
    }

    private int dimension(String name, long[] shape, int axis) {
        if (shape[axis] < 1 || shape[axis] > Integer.MAX_VALUE) {
            throw bad("tensor '" + name + "' has shape " + Arrays.toString(shape) + " with an empty or huge axis",
                    "the file was edited");
        }
        return (int) shape[axis];
    }

    private void requireShape(String name, Tensor t, long... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw bad("tensor '" + name + "' has shape " + Arrays.toString(t.shape()) + " but the layer needs "
                    + Arrays.toString(expected), "the file was edited");
        }
    }

    private float[] finite(String name, float[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw bad("tensor '" + name + "' value " + k + " is " + values[k],
                        "training diverged; retrain with a lower learning rate");
            }
        }
        return values;
    }

    private void requireSizes(List<DenseLayer> layers) {
        String text = required(Checkpoints.LAYERS, "the file was not written by barq");
        int[] declared = CheckpointJson.sizes(text);
        if (declared == null) {
            throw bad(Checkpoints.LAYERS + " is '" + text + "', not a JSON list of positive sizes",
                    "it should read like [64,64,10]");
        }
        int[] actual = new int[layers.size() + 1];
        actual[0] = layers.get(0).in();
        for (int i = 0; i < layers.size(); i++) {
            actual[i + 1] = layers.get(i).out();
        }
        if (!Arrays.equals(declared, actual)) {
            throw bad(Checkpoints.LAYERS + " is " + text + " but the tensors give " + Arrays.toString(actual)
                    .replace(" ", ""), "the metadata or the tensors were edited");
        }
    }

    private int bits() {
        String text = required(Checkpoints.BITS, "a rounded checkpoint records its bit width");
        int bits;
        try {
            bits = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(Checkpoints.BITS + " is '" + text + "', not an integer", "it should be 2 to 8");
        }
        if (bits < GridSpec.MIN_BITS || bits > GridSpec.MAX_BITS) {
            throw bad(Checkpoints.BITS + " is " + bits + ", outside [" + GridSpec.MIN_BITS + ", " + GridSpec.MAX_BITS
                    + "]", "the metadata was edited");
        }
        return bits;
    }

    private InputScaling scaling() {
        String scaleText = required(Checkpoints.INPUT_SCALE, "it should be e.g. 0.0625 for digits");
        double[] scale = CheckpointJson.numbers(scaleText);
        if (scale == null) {
            throw bad(Checkpoints.INPUT_SCALE + " is '" + scaleText + "', not a JSON number or list of numbers",
                    "it should read like 0.0625");
        }
        String offsetText = metadata.get(Checkpoints.INPUT_OFFSET);
        double[] offset = offsetText == null ? new double[] {0.0} : CheckpointJson.numbers(offsetText);
        if (offset == null) {
            throw bad(Checkpoints.INPUT_OFFSET + " is '" + offsetText + "', not a JSON list of numbers",
                    "it should read like [0.0,1.5]");
        }
        return wrap(() -> new InputScaling(offset, scale), Checkpoints.INPUT_SCALE + "/" + Checkpoints.INPUT_OFFSET);
    }

    private String required(String key, String hint) {
        String value = metadata.get(key);
        if (value == null) {
            throw bad("metadata " + key + " is missing (found keys " + metadata.keySet() + ")", hint);
        }
        return value;
    }

    /** Runs a model constructor, prefixing its one-line complaint with the file name. */
    private <T> T wrap(java.util.function.Supplier<T> build) {
        return wrap(build, null);
    }

    /** Runs a model constructor, prefixing its one-line complaint with the file name and the metadata key. */
    private <T> T wrap(java.util.function.Supplier<T> build, String key) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + (key == null ? "" : key + ": ") + e.getMessage(), e);
        }
    }

    private InvalidInputException bad(String problem, String hint) {
        return new InvalidInputException(source + ": " + problem + ". Maybe " + hint + "?");
    }
}
