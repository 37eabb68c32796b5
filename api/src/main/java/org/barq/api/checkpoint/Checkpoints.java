package org.barq.api.checkpoint;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.model.InputQuantizer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.RoundedModel;

/**
 * Float and rounded checkpoints in safetensors (FORMULATION §6): MLPs as {@code mlp-v1}/{@code mlp-q-v1}, other
 * networks as {@code net-v1}/{@code net-q-v1}.
 *
 * <p>Tensors: {@code layers.{i}.weight} (F32 {@code [out, in]}) and {@code layers.{i}.bias} (F32 {@code [out]});
 * a rounded model adds {@code layers.{i}.weight.codes} (I8 {@code [out, in]}) and {@code layers.{i}.weight.scale}
 * (F32 {@code [out]}, one scale per row; with group-wise scales {@code [out, in / G]}, weight {@code (r, j)} taking
 * scale {@code [r, j / G]}), with {@code weight == scale * codes} exactly in F32. In the file the F32 tensors come
 * first, layer by layer, then the codes.
 *
 * <p>Metadata set by the writer: {@code format = pt}, {@code barq.format} ({@code mlp-v1} or {@code mlp-q-v1}),
 * {@code barq.layers} (JSON list of sizes, e.g. {@code [64,64,10]}), {@code barq.activation = relu},
 * {@code barq.input_scale} (a JSON number for a uniform scaling, else a JSON list) with {@code barq.input_offset}
 * (JSON list, only for a non-uniform scaling), and for a rounded model {@code barq.bits} and, only when its scales
 * are group-wise, {@code barq.group_size} = G (one G for every layer; a layer G inputs wide has one group per row).
 * The caller adds
 * provenance ({@code barq.grid}, {@code barq.solver}, {@code barq.objective}, {@code barq.lambda},
 * {@code barq.seed}, {@code barq.source_sha256}, ...); a caller's value for a writer-set key must agree with it.
 *
 * <p>A network file ({@code net-v1}, {@code net-q-v1}) lists its layers in {@code barq.network} (JSON objects with a
 * {@code type} and the layer's attributes) and the input's {@code [C, H, W]} in {@code barq.input_shape}; {@code i}
 * in a tensor name is the index in that list, and a conv layer's weight and codes are {@code [out, in, kh, kw]}
 * (its groups run along the flattened {@code in * kh * kw} row).
 *
 * <p>Writes are atomic and byte-deterministic: the same model and metadata give identical files.
 */
public final class Checkpoints {
    /** Metadata key of a rounded checkpoint's logit correction: the method, e.g. {@code cat} (CorrectionTensors). */
    public static final String CORRECTION = "barq.correction";
    /** Metadata key of the correction's {@code alpha}, a JSON number. */
    public static final String CORRECTION_ALPHA = "barq.correction.alpha";
    /** Metadata key Hugging Face loaders look at; its value is {@link #PT}. */
    public static final String FORMAT = "format";
    /** The value of {@link #FORMAT}. */
    public static final String PT = "pt";
    /** Metadata key of barq's layout: {@link #FLOAT_FORMAT} or {@link #ROUNDED_FORMAT}. */
    public static final String BARQ_FORMAT = "barq.format";
    /** {@link #BARQ_FORMAT} of a float MLP. */
    public static final String FLOAT_FORMAT = "mlp-v1";
    /** {@link #BARQ_FORMAT} of a rounded MLP. */
    public static final String ROUNDED_FORMAT = "mlp-q-v1";
    /** {@code barq.format} of a float network that is not an MLP (convolutions, pooling). */
    public static final String NETWORK_FORMAT = "net-v1";
    /** {@code barq.format} of a rounded network that is not an MLP. */
    public static final String ROUNDED_NETWORK_FORMAT = "net-q-v1";
    /** The layer list of a network checkpoint, a JSON list of objects with a {@code type}. */
    public static final String NETWORK = "barq.network";
    /** The shape {@code [C, H, W]} of one input sample of a network checkpoint. */
    public static final String INPUT_SHAPE = "barq.input_shape";
    /** Metadata key: the layer sizes as a JSON list, e.g. {@code [64,64,10]}. */
    public static final String LAYERS = "barq.layers";
    /** Metadata key: the activation between layers, always {@link #RELU}. */
    public static final String ACTIVATION = "barq.activation";
    /** The value of {@link #ACTIVATION}. */
    public static final String RELU = "relu";
    /** Metadata key: raw features are multiplied by this (after subtracting {@link #INPUT_OFFSET}). */
    public static final String INPUT_SCALE = "barq.input_scale";
    /** Metadata key: per-feature offsets, present only when the scaling is not uniform. */
    public static final String INPUT_OFFSET = "barq.input_offset";
    /** Metadata key of a rounded model: the bit width {@code b}. */
    public static final String BITS = "barq.bits";
    /**
     * Metadata key of a rounded model whose scales are group-wise: G, the inputs that share a scale. Absent when every
     * layer has one scale per row, so that such files stay as they were.
     */
    public static final String GROUP_SIZE = "barq.group_size";
    /** Provenance key the caller supplies for a rounded model: the grid (scale method). */
    public static final String GRID = "barq.grid";
    /** Provenance key the caller supplies for a rounded model: the solver name. */
    public static final String SOLVER = "barq.solver";
    /** Provenance key the caller supplies for a rounded model: the objective ({@code J} and surrogate). */
    public static final String OBJECTIVE = "barq.objective";
    /** Provenance key the caller supplies for a rounded model: {@code lambda}. */
    public static final String LAMBDA = "barq.lambda";
    /** Provenance key the caller supplies for a rounded model: the seed. */
    public static final String SEED = "barq.seed";
    /** Provenance key the caller supplies for a rounded model: SHA-256 of the float checkpoint file. */
    public static final String SOURCE_SHA256 = "barq.source_sha256";

    /** Metadata key of a model behind an input quantizer: the quantizer's name ({@code bitwise}, ...). */
    public static final String INPUT_QUANTIZER = "barq.input_quantizer";
    /** Metadata key: what the input quantizer's decoded values are, {@code thermometer} or {@code levels}. */
    public static final String INPUT_QUANTIZER_DECODING = "barq.input_quantizer.decoding";
    /** Metadata key: the input quantizer's bits per feature, a JSON list. */
    public static final String INPUT_QUANTIZER_BITS = "barq.input_quantizer.bits";
    /** Metadata key: the raw features' scale before the input quantizer, a JSON list of one value per feature. */
    public static final String INPUT_QUANTIZER_SCALE = "barq.input_quantizer.scale";
    /** Metadata key: the raw features' offset before the input quantizer, a JSON list of one value per feature. */
    public static final String INPUT_QUANTIZER_OFFSET = "barq.input_quantizer.offset";

    private Checkpoints() {
    }

    /**
     * @param file          the checkpoint to create or replace (atomically)
     * @param model         the float model
     * @param extraMetadata provenance entries, e.g. {@code barq.data}; may repeat a writer-set key only with the
     *                      writer's value
     * @throws InvalidInputException if the metadata contradicts the model or the file cannot be written
     */
    public static void writeFloat(Path file, Mlp model, SortedMap<String, String> extraMetadata) {
        Safetensors.write(file, CheckpointWriter.floatContent(model, extraMetadata));
    }

    /**
     * @param file     the checkpoint to create or replace (atomically)
     * @param rounded  the rounded model (codes, scales, bit width and the dequantized model)
     * @param metadata provenance: {@code barq.grid}, {@code barq.solver}, {@code barq.objective},
     *                 {@code barq.lambda}, {@code barq.seed}, {@code barq.source_sha256} and any other entries
     * @throws InvalidInputException if the metadata contradicts the model or the file cannot be written
     */
    public static void writeRounded(Path file, RoundedModel rounded, SortedMap<String, String> metadata) {
        writeRounded(file, rounded, Optional.empty(), metadata);
    }

    /**
     * As {@link #writeRounded(Path, RoundedModel, SortedMap)}, with the logit correction fitted after rounding:
     * F32 tensors {@code correction.centroids [C, d]}, {@code correction.gamma [C, K]}, {@code correction.beta
     * [C, K]} (and {@code correction.pca_mean [K]}, {@code correction.pca_components [d, K]} with a PCA) after the
     * layers' F32 tensors, and metadata {@link #CORRECTION}, {@link #CORRECTION_ALPHA}.
     *
     * @param file       the checkpoint to create or replace (atomically)
     * @param rounded    the rounded model
     * @param correction the correction of its logits, or empty
     * @param metadata   provenance, as for {@link #writeRounded(Path, RoundedModel, SortedMap)}
     * @throws InvalidInputException if the metadata contradicts the model or the file cannot be written
     */
    public static void writeRounded(Path file, RoundedModel rounded, Optional<LogitCorrection> correction,
                                    SortedMap<String, String> metadata) {
        writeRounded(file, rounded, null, correction, metadata);
    }

    /**
     * @param file          the checkpoint to create or replace (atomically): {@link #FLOAT_FORMAT} when the network
     *                      is an MLP (the same bytes as {@link #writeFloat(Path, Mlp, SortedMap)}), else
     *                      {@link #NETWORK_FORMAT}
     * @param network       the float network
     * @param extraMetadata provenance entries, as {@link #writeFloat(Path, Mlp, SortedMap)}'s
     * @throws InvalidInputException if the metadata contradicts the network or the file cannot be written
     */
    public static void writeFloat(Path file, Network network, SortedMap<String, String> extraMetadata) {
        Safetensors.write(file, CheckpointWriter.floatContent(network, extraMetadata));
    }

    /**
     * @param file          the checkpoint to create or replace (atomically)
     * @param network       the float network over the quantizer's decoded values (identity scaling)
     * @param input         the input quantizer in front of it
     * @param extraMetadata provenance entries
     * @throws InvalidInputException if the metadata contradicts the model or the file cannot be written
     */
    public static void writeFloat(Path file, Network network, InputQuantizer input,
                                  SortedMap<String, String> extraMetadata) {
        Safetensors.write(file, InputQuantizerTensors.with(CheckpointWriter.floatContent(requireBehind(network,
                input), extraMetadata), input));
    }

    /**
     * @param file     the checkpoint to create or replace (atomically)
     * @param rounded  the rounded network over the quantizer's decoded values
     * @param input    the input quantizer in front of it, or null for none
     * @param metadata provenance, as {@link #writeRounded(Path, RoundedModel, SortedMap)}'s
     * @throws InvalidInputException if the metadata contradicts the model or the file cannot be written
     */
    public static void writeRounded(Path file, RoundedModel rounded, InputQuantizer input,
                                    SortedMap<String, String> metadata) {
        writeRounded(file, rounded, input, Optional.empty(), metadata);
    }

    /**
     * A rounded checkpoint with everything it may carry: the input quantizer in front of the network and the
     * correction of its logits behind it.
     *
     * @param file       the checkpoint to create or replace (atomically)
     * @param rounded    the rounded network (over the quantizer's decoded values when there is one)
     * @param input      the input quantizer in front of it, or null for none
     * @param correction the correction of its logits, or empty
     * @param metadata   provenance, as {@link #writeRounded(Path, RoundedModel, SortedMap)}'s
     * @throws InvalidInputException if the metadata contradicts the model or the file cannot be written
     */
    public static void writeRounded(Path file, RoundedModel rounded, InputQuantizer input,
                                    Optional<LogitCorrection> correction, SortedMap<String, String> metadata) {
        SafetensorsFile content = CheckpointWriter.roundedContent(rounded, correction, metadata);
        if (input != null) {
            requireBehind(rounded.network(), input);
        }
        Safetensors.write(file, input == null ? content : InputQuantizerTensors.with(content, input));
    }

    private static Network requireBehind(Network network, InputQuantizer input) {
        if (network.input().size() != input.code().width() || !network.scaling().equals(InputScaling.uniform(1.0))) {
            throw new IllegalArgumentException("a network behind a quantizer of width " + input.code().width()
                    + " takes " + network.input().size() + " inputs with scaling " + network.scaling());
        }
        return network;
    }

    /**
     * Reads and validates a checkpoint written by {@code writeFloat} or {@link #writeRounded}, in any of the four
     * formats.
     *
     * @param file the checkpoint
     * @return the network, the rounded form when present, the metadata and the file's SHA-256
     * @throws InvalidInputException (one line naming the file, the problem and the value found) if the file is
     *                               missing, not safetensors, malformed or not a valid barq model
     */
    public static LoadedCheckpoint read(Path file) {
        return CheckpointReader.read(file);
    }

    /**
     * @param network a network
     * @param i       the index of one of its dense or conv layers
     * @return the prefix under which a checkpoint stores that layer: {@code layers.K}, where K counts the dense
     *         layers of an MLP ({@code mlp-v1}) and is {@code i} in any other network ({@code net-v1})
     */
    public static String layerName(Network network, int i) {
        return "layers." + (network.asMlp().isPresent() ? network.weightLayers().indexOf(i) : i);
    }

    /** @return {@code layers.{i}.weight} */
    public static String weightName(int i) {
        return "layers." + i + ".weight";
    }

    /** @return {@code layers.{i}.bias} */
    public static String biasName(int i) {
        return "layers." + i + ".bias";
    }

    /** @return {@code layers.{i}.weight.codes} */
    public static String codesName(int i) {
        return "layers." + i + ".weight.codes";
    }

    /** @return {@code layers.{i}.weight.scale} */
    public static String scaleName(int i) {
        return "layers." + i + ".weight.scale";
    }
}
