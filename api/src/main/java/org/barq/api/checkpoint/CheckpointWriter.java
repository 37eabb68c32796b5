package org.barq.api.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;

/**
 * Maps models to safetensors content. Tensor order: the F32 tensors layer by layer ({@code weight}, {@code bias},
 * and for a rounded model {@code weight.scale}), then the I8 {@code weight.codes} layer by layer, so that every F32
 * tensor starts at a 4-byte-aligned offset whatever the layer shapes.
 */
final class CheckpointWriter {
    /** The keys the writer derives from the model; a caller's map may repeat them only with the same value. */
    private static final Set<String> OWN_KEYS = Set.of(Checkpoints.FORMAT, Checkpoints.BARQ_FORMAT,
            Checkpoints.LAYERS, Checkpoints.ACTIVATION, Checkpoints.INPUT_SCALE, Checkpoints.INPUT_OFFSET,
            Checkpoints.BITS, Checkpoints.NETWORK, Checkpoints.INPUT_SHAPE, Checkpoints.GROUP_SIZE,
            Checkpoints.CORRECTION, Checkpoints.CORRECTION_ALPHA);

    private CheckpointWriter() {
    }

    static SafetensorsFile floatContent(Mlp model, SortedMap<String, String> extra) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < model.depth(); i++) {
            putFloatLayer(tensors, i, model.layer(i));
        }
        return new SafetensorsFile(tensors, merge(ownMetadata(model, Checkpoints.FLOAT_FORMAT), extra));
    }

    /** An MLP as {@link Checkpoints#FLOAT_FORMAT}, any other network as {@link Checkpoints#NETWORK_FORMAT}. */
    static SafetensorsFile floatContent(Network network, SortedMap<String, String> extra) {
        Optional<Mlp> mlp = network.asMlp();
        return mlp.isPresent() ? floatContent(mlp.get(), extra)
                : networkContent(network, null, Optional.empty(), extra);
    }

    /** An MLP as {@link Checkpoints#ROUNDED_FORMAT}, any other network as {@link Checkpoints#ROUNDED_NETWORK_FORMAT}. */
    static SafetensorsFile roundedContent(RoundedModel rounded, Optional<LogitCorrection> correction,
                                          SortedMap<String, String> extra) {
        Optional<Mlp> mlp = rounded.network().asMlp();
        return mlp.isPresent() ? roundedContent(rounded, mlp.get(), correction, extra)
                : networkContent(rounded.network(), rounded, correction, extra);
    }

    private static SafetensorsFile roundedContent(RoundedModel rounded, Mlp model,
                                                  Optional<LogitCorrection> correction,
                                                  SortedMap<String, String> extra) {
        int groupSize = rounded.groupSize();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < model.depth(); i++) {
            putFloatLayer(tensors, i, model.layer(i));
            tensors.put(Checkpoints.scaleName(i), scale(rounded.quantized().get(i), groupSize));
        }
        TreeMap<String, String> own = ownMetadata(model, Checkpoints.ROUNDED_FORMAT);
        correction.ifPresent(c -> CorrectionTensors.put(requireClasses(c, rounded), tensors, own));
        for (int i = 0; i < model.depth(); i++) {
            QuantizedLayer q = rounded.quantized().get(i);
            tensors.put(Checkpoints.codesName(i), Tensor.i8(new long[] {q.out(), q.in()}, q.codes()));
        }
        putRounded(own, rounded, groupSize);
        return new SafetensorsFile(tensors, merge(own, extra));
    }

    /** A network file; {@code rounded} null for {@link Checkpoints#NETWORK_FORMAT}, else its codes and scales. */
    private static SafetensorsFile networkContent(Network network, RoundedModel rounded,
                                                  Optional<LogitCorrection> correction,
                                                  SortedMap<String, String> extra) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Tensor> codes = new LinkedHashMap<>();
        int groupSize = rounded == null ? 0 : rounded.groupSize();
        List<Integer> weightLayers = network.weightLayers();
        for (int k = 0; k < weightLayers.size(); k++) {
            int i = weightLayers.get(k);
            DenseLayer matrix = Network.matrixOf(network.layer(i));
            long[] shape = network.layer(i) instanceof Conv2d c
                    ? new long[] {c.out(), c.in(), c.kernelH(), c.kernelW()} : new long[] {matrix.out(), matrix.in()};
            tensors.put(Checkpoints.weightName(i), Tensor.f32(shape, matrix.weights()));
            tensors.put(Checkpoints.biasName(i), Tensor.f32(new long[] {matrix.out()}, matrix.biases()));
            if (rounded != null) {
                QuantizedLayer q = rounded.quantized().get(k);
                tensors.put(Checkpoints.scaleName(i), scale(q, groupSize));
                codes.put(Checkpoints.codesName(i), Tensor.i8(shape, q.codes()));
            }
        }
        TreeMap<String, String> own = new TreeMap<>();
        correction.ifPresent(c -> CorrectionTensors.put(requireClasses(c, rounded), tensors, own));
        tensors.putAll(codes);
        own.put(Checkpoints.FORMAT, Checkpoints.PT);
        own.put(Checkpoints.BARQ_FORMAT, rounded == null ? Checkpoints.NETWORK_FORMAT
                : Checkpoints.ROUNDED_NETWORK_FORMAT);
        own.put(Checkpoints.NETWORK, NetworkJson.write(network.layers()));
        SampleShape in = network.input();
        own.put(Checkpoints.INPUT_SHAPE, CheckpointJson.write(List.of(in.channels(), in.height(), in.width())));
        putScaling(own, network.scaling());
        if (rounded != null) {
            putRounded(own, rounded, groupSize);
        }
        return new SafetensorsFile(tensors, merge(own, extra));
    }

    private static LogitCorrection requireClasses(LogitCorrection c, RoundedModel rounded) {
        if (c.classes() != rounded.network().classes()) {
            throw new InvalidInputException("the " + c.method() + " correction is for " + c.classes()
                    + " classes but the model has " + rounded.network().classes() + ". Maybe it was fitted on"
                    + " another model?");
        }
        return c;
    }

    private static void putRounded(TreeMap<String, String> own, RoundedModel rounded, int groupSize) {
        own.put(Checkpoints.BITS, Integer.toString(rounded.bits()));
        if (groupSize > 0) {
            own.put(Checkpoints.GROUP_SIZE, Integer.toString(groupSize));
        }
    }

    /** {@code [out]} in a file of one scale per row, else {@code [out, in / G]}. */
    private static Tensor scale(QuantizedLayer q, int groupSize) {
        long[] shape = groupSize == 0 ? new long[] {q.out()} : new long[] {q.out(), q.groups()};
        return Tensor.f32(shape, q.scales());
    }

    private static void putFloatLayer(Map<String, Tensor> tensors, int i, DenseLayer layer) {
        tensors.put(Checkpoints.weightName(i), Tensor.f32(new long[] {layer.out(), layer.in()}, layer.weights()));
        tensors.put(Checkpoints.biasName(i), Tensor.f32(new long[] {layer.out()}, layer.biases()));
    }

    private static TreeMap<String, String> ownMetadata(Mlp model, String format) {
        TreeMap<String, String> m = new TreeMap<>();
        m.put(Checkpoints.FORMAT, Checkpoints.PT);
        m.put(Checkpoints.BARQ_FORMAT, format);
        m.put(Checkpoints.LAYERS, CheckpointJson.write(model.sizes()));
        m.put(Checkpoints.ACTIVATION, Checkpoints.RELU);
        putScaling(m, model.scaling());
        return m;
    }

    private static void putScaling(TreeMap<String, String> m, InputScaling s) {
        if (s.isUniform()) {
            m.put(Checkpoints.INPUT_SCALE, CheckpointJson.write(s.scale()[0]));
        } else {
            m.put(Checkpoints.INPUT_SCALE, CheckpointJson.write(s.scale()));
            m.put(Checkpoints.INPUT_OFFSET, CheckpointJson.write(s.offset()));
        }
    }

    private static TreeMap<String, String> merge(TreeMap<String, String> own, SortedMap<String, String> extra) {
        TreeMap<String, String> merged = new TreeMap<>(own);
        for (Map.Entry<String, String> e : extra.entrySet()) {
            String key = e.getKey();
            if (OWN_KEYS.contains(key) && !java.util.Objects.equals(e.getValue(), own.get(key))) {
                throw new InvalidInputException("checkpoint metadata " + key + "=" + e.getValue()
                        + " contradicts the model, which gives " + (own.containsKey(key) ? own.get(key) : "no " + key)
                        + ". Maybe drop " + key + " from the metadata: the writer sets it?");
            }
            merged.put(key, e.getValue());
        }
        return merged;
    }
}
