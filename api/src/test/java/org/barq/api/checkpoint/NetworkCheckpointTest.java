package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.barq.api.model.AvgPool2d;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.MaxPool2d;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.api.model.Relu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code net-v1}: a network with convolutions and pooling written and read back, and every damage refused. */
class NetworkCheckpointTest {
    @TempDir
    Path dir;

    private static float[] values(int n, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 7 - 3) * step;
        }
        return v;
    }

    /** conv(3,k3x2,s2,p1)-relu-maxpool(2)-avgpool(1)-flatten-dense(4) on 2x8x7 samples. */
    static Network cnn() {
        return new Network(List.of(Conv2d.of(3, 2, 3, 2, 2, 1, values(36, 0.25f), values(3, 0.5f)), new Relu(),
                new MaxPool2d(2, 2), new AvgPool2d(1, 1), new Flatten(), new DenseLayer(4, 12, values(48, 0.125f),
                        values(4, 1f))), new SampleShape(2, 8, 7), InputScaling.uniform(0.0625));
    }

    @Test
    void aNetworkReadsBackAsWrittenWithItsShapesInTheMetadata() {
        Path file = dir.resolve("cnn.safetensors");
        SortedMap<String, String> extra = new TreeMap<>(Map.of("barq.dataset", "digits"));
        Checkpoints.writeFloat(file, cnn(), extra);
        LoadedCheckpoint read = Checkpoints.read(file);
        assertFalse(read.isRounded());
        assertEquals(cnn(), read.network());
        assertEquals("net-v1", read.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("[2,8,7]", read.metadata().get(Checkpoints.INPUT_SHAPE));
        assertTrue(read.metadata().get(Checkpoints.NETWORK).startsWith("[{\"type\":\"conv\",\"out\":3,\"in\":2,"
                + "\"kernel\":[3,2],\"stride\":2,\"padding\":1},{\"type\":\"relu\"}"), read.metadata().toString());
        assertEquals("digits", read.metadata().get("barq.dataset"));
        assertEquals(List.of(3L, 2L, 3L, 2L), java.util.Arrays.stream(Safetensors.read(file).tensors()
                .get("layers.0.weight").shape()).boxed().toList(), "conv weights as PyTorch holds them");
    }

    @Test
    void anMlpNetworkIsWrittenAsAnMlpFileAndAConvNetworkIsNoMlp() {
        Mlp mlp = new Mlp(List.of(new DenseLayer(3, 2, values(6, 0.5f), values(3, 0.5f)),
                new DenseLayer(2, 3, values(6, 0.25f), values(2, 0f))), InputScaling.uniform(0.5));
        Path viaMlp = dir.resolve("mlp.safetensors");
        Path viaNetwork = dir.resolve("mlp-as-network.safetensors");
        Checkpoints.writeFloat(viaMlp, mlp, new TreeMap<>());
        Checkpoints.writeFloat(viaNetwork, Network.of(mlp), new TreeMap<>());
        assertEquals(Checkpoints.read(viaMlp).sha256(), Checkpoints.read(viaNetwork).sha256());
        assertEquals(Network.of(mlp), Checkpoints.read(viaMlp).network());
        assertEquals(mlp, Checkpoints.read(viaMlp).model());

        Path netFile = dir.resolve("net.safetensors");
        Checkpoints.writeFloat(netFile, cnn(), new TreeMap<>());
        String m = assertThrows(InvalidInputException.class, () -> Checkpoints.read(netFile).model()).getMessage();
        assertTrue(m.contains("holds conv(3,k3x2,s2,p1)-relu-maxpool(2)"), m);
        assertFalse(m.contains("\n"));
    }

    /** Round-to-nearest codes of every weight layer at {@code bits}, per-row absmax scales. */
    static RoundedModel roundedCnn(int bits) {
        Network net = cnn();
        List<QuantizedLayer> q = new java.util.ArrayList<>();
        for (int i : net.weightLayers()) {
            DenseLayer m = Network.matrixOf(net.layer(i));
            float[] scales = new float[m.out()];
            byte[] codes = new byte[m.out() * m.in()];
            int qmax = (1 << (bits - 1)) - 1;
            for (int r = 0; r < m.out(); r++) {
                float max = 0;
                for (int c = 0; c < m.in(); c++) {
                    max = Math.max(max, Math.abs(m.weights()[r * m.in() + c]));
                }
                scales[r] = max / qmax;
                for (int c = 0; c < m.in(); c++) {
                    codes[r * m.in() + c] = (byte) Math.round(m.weights()[r * m.in() + c] / scales[r]);
                }
            }
            q.add(new QuantizedLayer(m.out(), m.in(), codes, scales));
        }
        return RoundedModel.of(bits, q, net);
    }

    @Test
    void aRoundedNetworkReadsBackWithConvCodesShapedAsItsWeight() {
        RoundedModel rounded = roundedCnn(4);
        Path file = dir.resolve("cnn-q.safetensors");
        Checkpoints.writeRounded(file, rounded, new TreeMap<>(Map.of(Checkpoints.SOLVER, "nearest")));
        LoadedCheckpoint read = Checkpoints.read(file);
        assertEquals("net-q-v1", read.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("4", read.metadata().get(Checkpoints.BITS));
        assertEquals(rounded, read.rounded().orElseThrow());
        assertEquals(rounded.network(), read.network());
        SafetensorsFile content = Safetensors.read(file);
        assertEquals(List.of(3L, 2L, 3L, 2L), java.util.Arrays.stream(content.tensors().get("layers.0.weight.codes")
                .shape()).boxed().toList(), "conv codes as PyTorch holds the weight");
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.0.weight.scale", "layers.5.weight",
                "layers.5.bias", "layers.5.weight.scale", "layers.0.weight.codes", "layers.5.weight.codes"),
                List.copyOf(content.tensors().keySet()), "F32 first, then the I8 codes, so F32 stays aligned");
    }

    @Test
    void aRoundedNetworkWithEditedWeightsOrCodesIsRefused() {
        SafetensorsFile content = CheckpointWriter.roundedContent(roundedCnn(3), Optional.empty(), new TreeMap<>());
        Map<String, Tensor> tensors = new LinkedHashMap<>(content.tensors());
        float[] w = tensors.get("layers.0.weight").floats();
        w[5] += 0.01f;
        tensors.put("layers.0.weight", Tensor.f32(new long[] {3, 2, 3, 2}, w));
        Path file = dir.resolve("edited.safetensors");
        Safetensors.write(file, new SafetensorsFile(tensors, content.metadata()));
        String m = assertThrows(InvalidInputException.class, () -> Checkpoints.read(file)).getMessage();
        assertTrue(m.contains("layers.0.weight [0, 5]") && m.contains("weight != scale * codes"), m);

        tensors = new LinkedHashMap<>(content.tensors());
        tensors.remove("layers.5.weight.codes");
        Safetensors.write(file, new SafetensorsFile(tensors, content.metadata()));
        m = assertThrows(InvalidInputException.class, () -> Checkpoints.read(file)).getMessage();
        assertTrue(m.contains("tensor 'layers.5.weight.codes' is missing"), m);

        tensors = new LinkedHashMap<>(content.tensors());
        tensors.put("layers.0.weight.codes", Tensor.i8(new long[] {3, 12}, new byte[36]));
        Safetensors.write(file, new SafetensorsFile(tensors, content.metadata()));
        m = assertThrows(InvalidInputException.class, () -> Checkpoints.read(file)).getMessage();
        assertTrue(m.contains("tensor 'layers.0.weight.codes' has shape [3, 12] but the layer needs [3, 2, 3, 2]"), m);
    }

    /** The parts of a file to edit: its tensors and metadata, both writable. */
    private record Parts(Map<String, Tensor> tensors, SortedMap<String, String> metadata) {
    }

    private String damaged(Consumer<Parts> edit) {
        SafetensorsFile content = CheckpointWriter.floatContent(cnn(), new TreeMap<>());
        Map<String, Tensor> tensors = new LinkedHashMap<>(content.tensors());
        SortedMap<String, String> metadata = new TreeMap<>(content.metadata());
        edit.accept(new Parts(tensors, metadata));
        Path file = dir.resolve("damaged.safetensors");
        Safetensors.write(file, new SafetensorsFile(tensors, metadata));
        String m = assertThrows(InvalidInputException.class, () -> Checkpoints.read(file)).getMessage();
        assertTrue(m.startsWith(file.toString()) && m.contains("Maybe") && !m.contains("\n"), m);
        return m;
    }

    @Test
    void damageIsRefusedNamingTheLayerOrTensor() {
        assertTrue(damaged(f -> f.metadata().put(Checkpoints.NETWORK, f.metadata().get(Checkpoints.NETWORK)
                .replace("\"relu\"", "\"gelu\""))).contains("layer 1 has type 'gelu'"));
        assertTrue(damaged(f -> f.metadata().put(Checkpoints.NETWORK, f.metadata().get(Checkpoints.NETWORK)
                .replace("\"kernel\":[3,2]", "\"kernel\":[3]"))).contains("layer 0 (conv) has kernel [3]"));
        assertTrue(damaged(f -> f.tensors().remove("layers.5.bias")).contains("tensor 'layers.5.bias' is missing"));
        assertTrue(damaged(f -> f.tensors().put("layers.2.weight", Tensor.f32(new long[] {1}, new float[1])))
                .contains("tensors [layers.2.weight] belong to no layer"));
        assertTrue(damaged(f -> f.tensors().put("layers.0.weight", Tensor.f32(new long[] {3, 2, 6},
                values(36, 1f)))).contains("tensor 'layers.0.weight' has shape [3, 2, 6]"));
        assertTrue(damaged(f -> f.metadata().put(Checkpoints.INPUT_SHAPE, "[2,8]")).contains("not [C, H, W]"));
        assertTrue(damaged(f -> f.metadata().put(Checkpoints.INPUT_SHAPE, "[2,1,1]"))
                .contains("layer 2 maxpool(2) cannot pool"));
        assertTrue(damaged(f -> f.metadata().put(Checkpoints.NETWORK, "{}")).contains("not a JSON list of layers"));
    }
}
