package org.barq.api.checkpoint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.barq.api.InvalidInputException;
import org.barq.api.features.ThresholdCode;
import org.barq.api.model.InputQuantizer;
import org.barq.api.model.InputScaling;

/**
 * An {@link InputQuantizer} in a float or rounded checkpoint: F32 tensors {@code input_quantizer.mean [F]},
 * {@code input_quantizer.std [F]}, {@code input_quantizer.thresholds [T]} (each feature's {@code 2^b_f - 1}
 * thresholds in the standardised space, features one after the other) and, for levels,
 * {@code input_quantizer.levels [L]}; metadata {@link Checkpoints#INPUT_QUANTIZER} (the quantizer's name),
 * {@link Checkpoints#INPUT_QUANTIZER_DECODING} ({@code thermometer} or {@code levels}),
 * {@link Checkpoints#INPUT_QUANTIZER_BITS} (JSON list of bits per feature) and the raw scaling in
 * {@link Checkpoints#INPUT_QUANTIZER_SCALE} and {@link Checkpoints#INPUT_QUANTIZER_OFFSET} (JSON lists). The layer
 * tensors describe the network over the decoded values ({@code barq.input_scale = 1}).
 */
final class InputQuantizerTensors {
    static final String PREFIX = "input_quantizer.";
    static final String MEAN = PREFIX + "mean";
    static final String STD = PREFIX + "std";
    static final String THRESHOLDS = PREFIX + "thresholds";
    static final String LEVELS = PREFIX + "levels";

    private InputQuantizerTensors() {
    }

    /**
     * @param content  a checkpoint's content without an input quantizer
     * @param q        the quantizer to add
     * @return the content with its F32 tensors first (so that every F32 tensor stays 4-byte aligned), the
     *         quantizer's after them, then the I8 codes, and the quantizer's metadata
     */
    static SafetensorsFile with(SafetensorsFile content, InputQuantizer q) {
        ThresholdCode c = q.code();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        content.tensors().forEach((name, t) -> {
            if (t.type() != Dtype.I8) {
                tensors.put(name, t);
            }
        });
        tensors.put(MEAN, Tensor.f32(new long[] {c.features()}, c.mean()));
        tensors.put(STD, Tensor.f32(new long[] {c.features()}, c.std()));
        tensors.put(THRESHOLDS, Tensor.f32(new long[] {c.thresholds().length}, c.thresholds()));
        if (c.decoding() == ThresholdCode.Decoding.LEVELS) {
            tensors.put(LEVELS, Tensor.f32(new long[] {c.levels().length}, c.levels()));
        }
        content.tensors().forEach((name, t) -> {
            if (t.type() == Dtype.I8) {
                tensors.put(name, t);
            }
        });
        TreeMap<String, String> metadata = new TreeMap<>(content.metadata());
        metadata.put(Checkpoints.INPUT_QUANTIZER, c.name());
        metadata.put(Checkpoints.INPUT_QUANTIZER_DECODING, c.decoding().name().toLowerCase(java.util.Locale.ROOT));
        metadata.put(Checkpoints.INPUT_QUANTIZER_BITS, CheckpointJson.write(c.bitsPerFeature()));
        double[] scale = new double[c.features()];
        double[] offset = new double[c.features()];
        for (int j = 0; j < scale.length; j++) {
            // a uniform scaling repeats its one value, so that a reader needs only one form
            offset[j] = q.scaling().offset().length == 1 ? q.scaling().offset()[0] : q.scaling().offset()[j];
            scale[j] = q.scaling().scale().length == 1 ? q.scaling().scale()[0] : q.scaling().scale()[j];
        }
        metadata.put(Checkpoints.INPUT_QUANTIZER_SCALE, CheckpointJson.write(scale));
        metadata.put(Checkpoints.INPUT_QUANTIZER_OFFSET, CheckpointJson.write(offset));
        return new SafetensorsFile(tensors, metadata);
    }

    /** @return the content without the quantizer's tensors, in file order */
    static SafetensorsFile without(SafetensorsFile content) {
        Map<String, Tensor> rest = content.tensors(PREFIX, false);
        return new SafetensorsFile(rest, content.metadata());
    }

    /**
     * @param content the whole file
     * @param width   the network's input width, which the quantizer's decoded values must fill
     * @param bad     turns a problem and a hint into the reader's one-line error
     * @param wrap    runs a constructor, prefixing its one-line complaint with the file name
     * @return the quantizer, when the file has one
     */
    static Optional<InputQuantizer> read(SafetensorsFile content, int width,
                                         BiFunction<String, String, InvalidInputException> bad,
                                         Function<Supplier<InputQuantizer>, InputQuantizer> wrap) {
        Map<String, Tensor> found = new TreeMap<>(content.tensors(PREFIX, true));
        SortedMap<String, String> metadata = content.metadata();
        String name = metadata.get(Checkpoints.INPUT_QUANTIZER);
        if (name == null) {
            if (!found.isEmpty()) {
                throw bad.apply("tensors " + found.keySet() + " hold an input quantizer but metadata "
                        + Checkpoints.INPUT_QUANTIZER + " is missing", "the metadata was edited");
            }
            return Optional.empty();
        }
        String decodingText = metadata.getOrDefault(Checkpoints.INPUT_QUANTIZER_DECODING, "");
        ThresholdCode.Decoding decoding = switch (decodingText) {
            case "thermometer" -> ThresholdCode.Decoding.THERMOMETER;
            case "levels" -> ThresholdCode.Decoding.LEVELS;
            default -> throw bad.apply("metadata " + Checkpoints.INPUT_QUANTIZER_DECODING + " is '" + decodingText
                    + "', not thermometer or levels", "the metadata was edited");
        };
        Function<String, float[]> floats = tensorName -> {
            Tensor t = found.remove(tensorName);
            if (t == null) {
                throw bad.apply("tensor '" + tensorName + "' is missing for the " + name + " input quantizer",
                        "the file was edited");
            }
            if (t.type() != Dtype.F32 || t.shape().length != 1) {
                throw bad.apply("tensor '" + tensorName + "' is " + t.dtype() + " " + Arrays.toString(t.shape())
                        + " where barq needs a F32 vector", "the file was edited");
            }
            return t.floats();
        };
        float[] mean = floats.apply(MEAN);
        float[] std = floats.apply(STD);
        float[] thresholds = floats.apply(THRESHOLDS);
        float[] levels = decoding == ThresholdCode.Decoding.LEVELS ? floats.apply(LEVELS) : new float[0];
        if (!found.isEmpty()) {
            throw bad.apply("unexpected tensors " + found.keySet() + "; an input quantizer holds only "
                    + String.join(", ", MEAN, STD, THRESHOLDS, LEVELS), "the file was edited");
        }
        int[] bits = ints(metadata, Checkpoints.INPUT_QUANTIZER_BITS, bad);
        double[] scale = doubles(metadata, Checkpoints.INPUT_QUANTIZER_SCALE, bad);
        double[] offset = doubles(metadata, Checkpoints.INPUT_QUANTIZER_OFFSET, bad);
        InputQuantizer q = wrap.apply(() -> new InputQuantizer(new InputScaling(offset, scale),
                new ThresholdCode(name, decoding, bits, mean, std, thresholds, levels)));
        if (!metadata.getOrDefault(Checkpoints.INPUT_SCALE, "").equals("1.0")
                || metadata.containsKey(Checkpoints.INPUT_OFFSET)) {
            throw bad.apply("metadata " + Checkpoints.INPUT_SCALE + " is '" + metadata.get(Checkpoints.INPUT_SCALE)
                    + "' but a network behind an input quantizer takes its decoded values unscaled (1.0)",
                    "the metadata was edited");
        }
        if (q.code().width() != width) {
            throw bad.apply("the " + name + " input quantizer decodes to " + q.code().width() + " values but the"
                    + " first layer takes " + width, "the file was edited");
        }
        return Optional.of(q);
    }

    private static int[] ints(SortedMap<String, String> metadata, String key,
                              BiFunction<String, String, InvalidInputException> bad) {
        double[] d = doubles(metadata, key, bad);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
            if (out[i] != d[i]) {
                throw bad.apply("metadata " + key + " holds " + d[i] + ", not an integer", "the metadata was edited");
            }
        }
        return out;
    }

    private static double[] doubles(SortedMap<String, String> metadata, String key,
                                    BiFunction<String, String, InvalidInputException> bad) {
        String text = metadata.get(key);
        com.fasterxml.jackson.databind.JsonNode node = text == null ? null : CheckpointJson.parse(text);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw bad.apply("metadata " + key + " is '" + text + "', not a JSON list of numbers",
                    "the metadata was edited");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            if (!node.get(i).isNumber()) {
                throw bad.apply("metadata " + key + " entry " + i + " is " + node.get(i) + ", not a number",
                        "the metadata was edited");
            }
            out[i] = node.get(i).asDouble();
        }
        return out;
    }
}
