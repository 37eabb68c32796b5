package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.api.problem.RoundingSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group-wise scales in {@code mlp-q-v1} and {@code net-q-v1}: {@code weight.scale} {@code [out, in / G]} with
 * {@code barq.group_size} = G, read back exactly, and every inconsistency refused naming the tensor.
 */
class GroupWiseCheckpointTest {
    @TempDir
    Path dir;

    /** Round-to-nearest of every weight layer with absmax scales per group of {@code groupSize} (0: per row). */
    static RoundedModel roundNearest(Network network, int bits, int groupSize) {
        List<QuantizedLayer> quantized = new ArrayList<>();
        for (int i : network.weightLayers()) {
            DenseLayer m = Network.matrixOf(network.layer(i));
            LayerGrid grid = LayerGrid.fit(m, new GridSpec(bits, ScaleMethod.ABSMAX, groupSize));
            RoundingSpace space = RoundingSpace.of(m, grid);
            quantized.add(grid.quantized(space.codes(space.nearest())));
        }
        return RoundedModel.of(bits, quantized, network);
    }

    private static Network mlp(int... sizes) {
        return Network.of(CheckpointsTest.randomMlp(21, InputScaling.uniform(0.0625), sizes));
    }

    private static long[] shape(Path file, String tensor) {
        return Safetensors.read(file).tensors().get(tensor).shape();
    }

    @Test
    void aGroupWiseMlpRoundTripsWithScalesPerGroupAndItsGroupSize() throws Exception {
        RoundedModel rounded = roundNearest(mlp(12, 8, 4), 4, 4);
        Path a = dir.resolve("g4.safetensors");
        Path b = dir.resolve("g4-again.safetensors");
        Checkpoints.writeRounded(a, rounded, GoldenModels.roundedMetadata());
        LoadedCheckpoint read = Checkpoints.read(a);
        assertEquals(rounded, read.rounded().orElseThrow());
        assertEquals(rounded.network(), read.network());
        assertEquals("mlp-q-v1", read.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("4", read.metadata().get(Checkpoints.GROUP_SIZE));
        assertArrayEquals(new long[] {8, 3}, shape(a, "layers.0.weight.scale"));
        assertArrayEquals(new long[] {4, 2}, shape(a, "layers.1.weight.scale"));
        assertEquals(4, read.rounded().orElseThrow().quantized().get(1).groupSize());
        Checkpoints.writeRounded(b, read.rounded().orElseThrow(), GoldenModels.roundedMetadata());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void perRowFilesHaveNoGroupSizeAndTheSameBytesAsAGroupAsWideAsEveryLayer() throws Exception {
        Path perRow = dir.resolve("rows.safetensors");
        Path whole = dir.resolve("whole.safetensors");
        Checkpoints.writeRounded(perRow, roundNearest(mlp(8, 8, 3), 3, 0), GoldenModels.roundedMetadata());
        Checkpoints.writeRounded(whole, roundNearest(mlp(8, 8, 3), 3, 8), GoldenModels.roundedMetadata());
        assertFalse(Checkpoints.read(perRow).metadata().containsKey(Checkpoints.GROUP_SIZE));
        assertArrayEquals(new long[] {8}, shape(perRow, "layers.0.weight.scale"));
        assertArrayEquals(Files.readAllBytes(perRow), Files.readAllBytes(whole));
    }

    @Test
    void aLayerAsWideAsTheGroupHasOneGroupPerRowInAGroupWiseFile() {
        RoundedModel rounded = roundNearest(mlp(16, 4, 2), 4, 4);
        Path file = dir.resolve("narrow.safetensors");
        Checkpoints.writeRounded(file, rounded, new TreeMap<>());
        assertArrayEquals(new long[] {4, 4}, shape(file, "layers.0.weight.scale"));
        assertArrayEquals(new long[] {2, 1}, shape(file, "layers.1.weight.scale"));
        QuantizedLayer last = Checkpoints.read(file).rounded().orElseThrow().quantized().get(1);
        assertEquals(4, last.groupSize());
        assertEquals(1, last.groups());
    }

    @Test
    void layersWithDifferentGroupSizesAreRefusedByTheWriter() {
        RoundedModel g4 = roundNearest(mlp(12, 8, 4), 4, 4);
        RoundedModel g2 = roundNearest(mlp(12, 8, 4), 4, 2);
        RoundedModel mixed = RoundedModel.of(4, List.of(g4.quantized().get(0), g2.quantized().get(1)), mlp(12, 8, 4));
        Path file = dir.resolve("mixed.safetensors");
        String m = assertThrows(InvalidInputException.class,
                () -> Checkpoints.writeRounded(file, mixed, new TreeMap<>())).getMessage();
        assertTrue(m.contains("groups of 2") && m.contains("groups of 4") && m.contains("Maybe"), m);
        assertFalse(Files.exists(file));
    }

    @Test
    void aConvNetworksGroupsRunAlongItsFlattenedKernelRow() {
        // conv(3,k3x2,s2,p1) over 2 channels: a row of 2*3*2 = 12 inputs; the dense layer has 12 inputs too.
        Network cnn = NetworkCheckpointTest.cnn();
        RoundedModel rounded = roundNearest(cnn, 4, 6);
        Path file = dir.resolve("cnn-g6.safetensors");
        Checkpoints.writeRounded(file, rounded, new TreeMap<>());
        LoadedCheckpoint read = Checkpoints.read(file);
        assertEquals("net-q-v1", read.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("6", read.metadata().get(Checkpoints.GROUP_SIZE));
        assertEquals(rounded, read.rounded().orElseThrow());
        assertEquals(rounded.network(), read.network());
        assertArrayEquals(new long[] {3, 2, 3, 2}, shape(file, "layers.0.weight.codes"));
        assertArrayEquals(new long[] {3, 2}, shape(file, "layers.0.weight.scale"));
        assertArrayEquals(new long[] {4, 2}, shape(file, "layers.5.weight.scale"));
        // Group 0 of a conv row is input channel 0's 3x2 kernel, group 1 channel 1's.
        SafetensorsFile content = Safetensors.read(file);
        float[] weight = content.tensors().get("layers.0.weight").floats();
        byte[] codes = content.tensors().get("layers.0.weight.codes").bytes();
        float[] scales = content.tensors().get("layers.0.weight.scale").floats();
        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < 6; k++) {
                    int flat = (o * 2 + c) * 6 + k;
                    assertEquals(scales[o * 2 + c] * (float) codes[flat], weight[flat]);
                }
            }
        }
    }

    @Test
    void aScaleOfAWrongShapeIsRefusedNamingTheTensor() {
        SafetensorsFile content = CheckpointWriter.roundedContent(roundNearest(mlp(12, 8, 4), 4, 4), Optional.empty(), new TreeMap<>());
        float[] scales = content.tensors().get("layers.0.weight.scale").floats();
        assertRefused(withTensor(content, "layers.0.weight.scale", Tensor.f32(new long[] {8, 3, 1}, scales)),
                "tensor 'layers.0.weight.scale' has shape [8, 3, 1] but the layer needs [8] or [8, in / G] with G"
                        + " dividing its 12 inputs");
        assertRefused(withTensor(content, "layers.0.weight.scale", Tensor.f32(new long[] {4, 6}, scales)),
                "tensor 'layers.0.weight.scale' has shape [4, 6] but the layer needs [8] or [8, in / G]");
        assertRefused(withTensor(content, "layers.0.weight.scale", Tensor.f32(new long[] {24}, new float[24])),
                "tensor 'layers.0.weight.scale' has shape [24] but the layer needs [8]");
    }

    @Test
    void aGroupCountThatDoesNotDivideTheWidthIsRefused() {
        SafetensorsFile content = CheckpointWriter.roundedContent(roundNearest(mlp(12, 8, 4), 4, 4), Optional.empty(), new TreeMap<>());
        float[] five = new float[8 * 5];
        java.util.Arrays.fill(five, 1f);
        assertRefused(withTensor(content, "layers.0.weight.scale", Tensor.f32(new long[] {8, 5}, five)),
                "tensor 'layers.0.weight.scale' has shape [8, 5] but the layer needs [8] or [8, in / G] with G"
                        + " dividing its 12 inputs");
    }

    @Test
    void aGroupSizeThatDisagreesWithTheMetadataIsRefused() {
        SafetensorsFile content = CheckpointWriter.roundedContent(roundNearest(mlp(12, 8, 4), 4, 4), Optional.empty(), new TreeMap<>());
        assertRefused(withMetadata(content, Checkpoints.GROUP_SIZE, "2"), "tensor 'layers.0.weight.scale' has shape"
                + " [8, 3], groups of 4 of the layer's 12 inputs, but barq.group_size is 2");
        assertRefused(withMetadata(content, Checkpoints.GROUP_SIZE, "four"), "barq.group_size is 'four', not a"
                + " positive integer");
        SafetensorsFile perRow = CheckpointWriter.roundedContent(roundNearest(mlp(12, 8, 4), 4, 0), Optional.empty(), new TreeMap<>());
        assertRefused(withMetadata(perRow, Checkpoints.GROUP_SIZE, "4"), "tensor 'layers.0.weight.scale' has shape"
                + " [8], groups of 12 of the layer's 12 inputs, but barq.group_size is 4");
    }

    @Test
    void groupScalesWithoutTheMetadataAreInferredFromTheirShape() {
        RoundedModel rounded = roundNearest(mlp(12, 8, 4), 4, 4);
        SafetensorsFile content = CheckpointWriter.roundedContent(rounded, Optional.empty(), new TreeMap<>());
        Path file = dir.resolve("inferred.safetensors");
        Safetensors.write(file, new SafetensorsFile(content.tensors(), without(content, Checkpoints.GROUP_SIZE)));
        assertEquals(rounded, Checkpoints.read(file).rounded().orElseThrow());
    }

    @Test
    void aWeightThatIsNotItsGroupScaleTimesItsCodeIsRefused() {
        RoundedModel rounded = roundNearest(NetworkCheckpointTest.cnn(), 3, 4);
        SafetensorsFile content = CheckpointWriter.roundedContent(rounded, Optional.empty(), new TreeMap<>());
        float[] scales = content.tensors().get("layers.0.weight.scale").floats();
        scales[4] *= 2;  // row 1, group 1: weights [1, 4..7]
        String m = refusal(withTensor(content, "layers.0.weight.scale", Tensor.f32(new long[] {3, 3}, scales)));
        assertTrue(m.contains("layers.0.weight [1, ") && m.contains("(weight != scale * codes)"), m);
        // scale [1, 1] is 2x: any non-zero code of weights 4..7 of row 1 trips it; the first one named is in that group.
        int col = Integer.parseInt(m.replaceAll(".*layers\\.0\\.weight \\[1, (\\d+)\\].*", "$1"));
        assertTrue(col >= 4 && col < 8, m);
    }

    private void assertRefused(byte[] file, String expected) {
        String m = refusal(file);
        assertTrue(m.contains(expected), "expected '" + expected + "' in: " + m);
    }

    private String refusal(byte[] bytes) {
        Path file = dir.resolve("bad.safetensors");
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String m = assertThrows(InvalidInputException.class, () -> Checkpoints.read(file)).getMessage();
        assertTrue(m.startsWith(file.toString()) && m.contains("Maybe"), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    private static byte[] withTensor(SafetensorsFile content, String name, Tensor tensor) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(content.tensors());
        tensors.put(name, tensor);
        return Safetensors.encode(new SafetensorsFile(tensors, content.metadata()));
    }

    private static byte[] withMetadata(SafetensorsFile content, String key, String value) {
        TreeMap<String, String> m = new TreeMap<>(content.metadata());
        m.put(key, value);
        return Safetensors.encode(new SafetensorsFile(content.tensors(), m));
    }

    private static TreeMap<String, String> without(SafetensorsFile content, String key) {
        TreeMap<String, String> m = new TreeMap<>(content.metadata());
        m.remove(key);
        return m;
    }
}
