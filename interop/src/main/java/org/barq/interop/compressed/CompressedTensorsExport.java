package org.barq.interop.compressed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.checkpoint.Safetensors;
import org.barq.api.checkpoint.SafetensorsFile;
import org.barq.api.checkpoint.Tensor;
import org.barq.api.data.SampleShape;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;

/**
 * Writes a rounded MLP in the {@code pack-quantized} format of the compressed-tensors library (what vLLM and
 * llm-compressor load): a folder with {@code model.safetensors} and {@code config.json}.
 *
 * <p>Per dense layer {@code layers.k} (the names of barq's checkpoint): {@code weight_packed}, I32
 * {@code [out, ceil(in / (32 / b))]}, holds the codes shifted by {@code 2^(b-1)} to unsigned, {@code 32 / b} of
 * them per word (the library's packing: whole codes per word, so at 3, 5, 6 and 7 bits the top bits of a word stay
 * 0), element {@code p*k + j} of a row in bits {@code b*j ..} of word {@code k}; {@code weight_scale}, F32
 * {@code [out, 1]} ({@code strategy: channel}) or {@code [out, in / G]} ({@code strategy: group}, {@code group_size: G}); {@code weight_shape}, I64 {@code [out, in]}; and the float {@code bias}.
 */
public final class CompressedTensorsExport {
    /** The weights file's name in the folder. */
    public static final String WEIGHTS = "model.safetensors";
    /** The configuration's name in the folder. */
    public static final String CONFIG = "config.json";

    private CompressedTensorsExport() {
    }

    /**
     * @param folder     the folder to create, or to replace when it holds an earlier export
     * @param checkpoint a rounded MLP
     * @return the bytes of {@code model.safetensors}
     * @throws InvalidInputException for a float checkpoint, a network with convolutions, or a folder in the way
     */
    public static long write(Path folder, LoadedCheckpoint checkpoint) {
        RoundedModel rounded = checkpoint.rounded().orElseThrow(() -> new InvalidInputException("the checkpoint is"
                + " a float model (" + checkpoint.metadata().get(Checkpoints.BARQ_FORMAT) + "): compressed-tensors"
                + " stores integer codes, which only a rounded checkpoint has. Maybe run 'barq quantize' first?"));
        Mlp mlp = rounded.network().asMlp().orElseThrow(() -> new InvalidInputException("barq writes"
                + " compressed-tensors' pack-quantized format for an MLP, dense layers with a ReLU between each two"
                + " and none after the last, and this network is " + rounded.network().spec() + ". Maybe --format"
                + " onnx, which holds any barq network?"));
        if (checkpoint.correction().isPresent()) {
            // Its loaders would run the plain rounded model and report numbers of a model the user did not deploy.
            throw new InvalidInputException("the checkpoint's logits are corrected by its "
                    + checkpoint.correction().get() + ", which compressed-tensors has no place for. Maybe --format"
                    + " onnx, which applies it, or quantize without --correction?");
        }
        byte[] weights = Safetensors.encode(new SafetensorsFile(tensors(mlp, rounded), metadata(checkpoint)));
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(WEIGHTS, weights);
        files.put(CONFIG, config(mlp, rounded, checkpoint));
        requireEarlierExport(folder);
        AtomicFiles.writeFolder(folder, files);
        return weights.length;
    }

    /**
     * A folder of the same two file names may hold another tool's model; it is replaced only when its configuration
     * has the {@code barq} block an earlier export wrote.
     */
    private static void requireEarlierExport(Path folder) {
        Path config = folder.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            return;
        }
        boolean ours;
        try {
            ours = new ObjectMapper().readTree(Files.readAllBytes(config)).path("barq").isObject();
        } catch (IOException e) {
            ours = false;
        }
        if (!ours) {
            throw new InvalidInputException(folder + " holds a " + CONFIG + " that barq did not write (it has no"
                    + " 'barq' block), which an export would replace. Maybe another --out?");
        }
    }

    /** @return the layers' tensors, layer by layer in the order above */
    static Map<String, Tensor> tensors(Mlp mlp, RoundedModel rounded) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int bits = rounded.bits();
        List<QuantizedLayer> layers = rounded.quantized();
        for (int k = 0; k < layers.size(); k++) {
            QuantizedLayer q = layers.get(k);
            DenseLayer dense = mlp.layer(k);
            String name = "layers." + k;
            int[] packed = pack(q.codes(), q.out(), q.in(), bits);
            tensors.put(name + ".weight_packed", new Tensor("I32", new long[] {q.out(), packed.length / q.out()},
                    le(packed)));
            tensors.put(name + ".weight_scale", Tensor.f32(new long[] {q.out(), q.groups()}, q.scales()));
            tensors.put(name + ".weight_shape", new Tensor("I64", new long[] {2},
                    ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(q.out()).putLong(q.in()).array()));
            tensors.put(name + ".bias", Tensor.f32(new long[] {dense.out()}, dense.biases()));
        }
        return tensors;
    }

    /**
     * @param codes row-major {@code [out, in]} codes in {@code [-2^(b-1), 2^(b-1)-1]}
     * @return row-major {@code [out, ceil(in / (32 / b))]} words
     */
    static int[] pack(byte[] codes, int out, int in, int bits) {
        int perWord = 32 / bits;
        int words = (in + perWord - 1) / perWord;
        int offset = 1 << (bits - 1);
        int mask = (1 << bits) - 1;
        int[] packed = new int[out * words];
        for (int r = 0; r < out; r++) {
            for (int j = 0; j < in; j++) {
                int unsigned = (codes[r * in + j] + offset) & mask;
                packed[r * words + j / perWord] |= unsigned << (bits * (j % perWord));
            }
        }
        return packed;
    }

    private static byte[] le(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static SortedMap<String, String> metadata(LoadedCheckpoint checkpoint) {
        SortedMap<String, String> metadata = new TreeMap<>(checkpoint.metadata());
        metadata.put(Checkpoints.FORMAT, Checkpoints.PT);
        metadata.put(Checkpoints.BARQ_FORMAT, "compressed-tensors-pack-quantized");
        metadata.put("barq.source_checkpoint_sha256", checkpoint.sha256());
        return metadata;
    }

    /**
     * The Hugging Face style configuration: {@code quantization_config} with only the fields the library defines
     * (its argument models forbid others), and barq's own description of the network beside it.
     */
    static byte[] config(Mlp mlp, RoundedModel rounded, LoadedCheckpoint checkpoint) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode barq = root.putObject("barq");
        barq.put("network", rounded.network().spec());
        SampleShape shape = rounded.network().input();
        if (shape.isImage()) {
            // a flat input is input_features alone; "64x1x1" would read as an image of 64 channels
            barq.putArray("input_shape").add(shape.channels()).add(shape.height()).add(shape.width());
        }
        ArrayNode sizes = barq.putArray("layer_sizes");
        ArrayNode names = barq.putArray("layers");
        for (int k = 0; k < mlp.depth(); k++) {
            sizes.add(mlp.layer(k).out());
            names.add("layers." + k);
        }
        barq.put("input_features", mlp.inputs());
        barq.put("activation", "relu");
        ArrayNode scale = barq.putArray("input_scale");
        ArrayNode offset = barq.putArray("input_offset");
        for (double s : mlp.scaling().scale()) {
            scale.add(s);
        }
        for (double o : mlp.scaling().offset()) {
            offset.add(o);
        }
        barq.put("source_checkpoint_sha256", checkpoint.sha256());
        ObjectNode provenance = barq.putObject("provenance");
        checkpoint.metadata().forEach(provenance::put);

        ObjectNode q = root.putObject("quantization_config");
        q.put("quant_method", "compressed-tensors");
        q.put("format", "pack-quantized");
        q.put("quantization_status", "compressed");
        ObjectNode group = q.putObject("config_groups").putObject("group_0");
        group.putArray("targets").add("Linear");
        ObjectNode weights = group.putObject("weights");
        weights.put("num_bits", rounded.bits());
        weights.put("type", "int");
        weights.put("symmetric", true);
        int groupSize = rounded.groupSize();
        if (groupSize == 0) {
            weights.put("strategy", "channel");
            weights.putNull("group_size");
        } else {
            weights.put("strategy", "group");
            weights.put("group_size", groupSize);
        }
        weights.put("dynamic", false);
        weights.putNull("actorder");
        q.putArray("ignore");
        try {
            return (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
