package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.features.ThresholdCode;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputQuantizer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input quantizer stored with a float model: read back exactly, and refused in one line when malformed. */
class InputQuantizerCheckpointTest {
    @TempDir
    Path dir;

    /** Two features at 2 bits (thermometer width 6), scaled min-max, behind a 6-4-3 MLP. */
    static InputQuantizer quantizer() {
        ThresholdCode code = new ThresholdCode("bitwise", ThresholdCode.Decoding.THERMOMETER, new int[] {2, 2},
                new float[] {0.5f, 0.25f}, new float[] {0.2f, 0.1f}, new float[] {-1f, 0f, 0.5f, -0.3f, 0.1f, 2f},
                new float[0]);
        return new InputQuantizer(new InputScaling(new double[] {1, 3}, new double[] {0.1, 1.0 / 7}), code);
    }

    static Network network(int width) {
        float[] w0 = new float[4 * width];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (i % 5) * 0.25f - 0.5f;
        }
        float[] w1 = new float[12];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (i % 3) * 0.5f - 0.25f;
        }
        return Network.of(new Mlp(List.of(new DenseLayer(4, width, w0, new float[4]), new DenseLayer(3, 4, w1,
                new float[3])), InputScaling.uniform(1.0)));
    }

    @Test
    void aFloatModelKeepsItsQuantizerThroughTheFile() {
        InputQuantizer q = quantizer();
        Path file = dir.resolve("m.safetensors");
        Checkpoints.writeFloat(file, network(6), q, new TreeMap<>());
        LoadedCheckpoint read = Checkpoints.read(file);
        assertTrue(read.input().isPresent());
        InputQuantizer back = read.input().get();
        assertEquals(q.scaling(), back.scaling());
        assertArrayEquals(q.code().thresholds(), back.code().thresholds());
        assertArrayEquals(q.code().bitsPerFeature(), back.code().bitsPerFeature());
        assertEquals("bitwise", back.code().name());
        float[] raw = {4.2f, 5.5f};
        assertArrayEquals(q.encode(raw), back.encode(raw));
        assertEquals(network(6), read.network());
        assertEquals("[2,2]", read.metadata().get(Checkpoints.INPUT_QUANTIZER_BITS));
    }

    @Test
    void aDataSetOfAnotherFeatureCountIsRefusedInOneLine() {
        org.barq.api.data.Dataset three = new org.barq.api.data.Dataset("three", new float[6], new int[] {0, 1}, 3,
                org.barq.api.data.SampleShape.flat(3), 2, "sha", java.util.Optional.empty());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> quantizer().decoded(three));
        assertTrue(e.getMessage().contains("has 3 features per sample but the model's bitwise input quantizer was"
                + " fitted on 2. Maybe"), e.getMessage());
    }

    @Test
    void aPlainCheckpointHasNoQuantizer() {
        Path file = dir.resolve("p.safetensors");
        Checkpoints.writeFloat(file, network(6), new TreeMap<>());
        assertFalse(Checkpoints.read(file).input().isPresent());
    }

    @Test
    void malformedQuantizersAreRefusedInOneLine() {
        Path file = dir.resolve("m.safetensors");
        Checkpoints.writeFloat(file, network(6), quantizer(), new TreeMap<>());
        SafetensorsFile good = Safetensors.decode(Safetensors.readBytes(file), "m");

        assertRefused(edit(good, "barq.input_quantizer.bits", "[2,9]", null), "bits per feature 9");
        assertRefused(edit(good, "barq.input_quantizer.bits", "[2,1]", null), "thresholds but its bits need 4");
        assertRefused(edit(good, "barq.input_quantizer", null, null), "metadata barq.input_quantizer is missing");
        assertRefused(edit(good, null, null, "input_quantizer.std"), "'input_quantizer.std' is missing");
        assertRefused(edit(good, "barq.input_quantizer.decoding", "bits", null), "not thermometer or levels");
        Map<String, Tensor> t = new LinkedHashMap<>(good.tensors());
        t.put(InputQuantizerTensors.THRESHOLDS, Tensor.f32(new long[] {6}, new float[] {1f, 0f, 0.5f, -0.3f, 0.1f,
            2f}));
        assertRefused(new SafetensorsFile(t, good.metadata()), "not a number at or above the one before");
    }

    private SafetensorsFile edit(SafetensorsFile good, String key, String value, String dropTensor) {
        TreeMap<String, String> m = new TreeMap<>(good.metadata());
        if (key != null && value == null) {
            m.remove(key);
        } else if (key != null) {
            m.put(key, value);
        }
        Map<String, Tensor> t = new LinkedHashMap<>(good.tensors());
        if (dropTensor != null) {
            t.remove(dropTensor);
        }
        return new SafetensorsFile(t, m);
    }

    private void assertRefused(SafetensorsFile content, String expected) {
        Path file = dir.resolve("bad.safetensors");
        Safetensors.write(file, content);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoints.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("Maybe")
                && !e.getMessage().contains("\n"), e.getMessage());
    }
}
