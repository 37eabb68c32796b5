package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.model.RoundedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A rounded checkpoint's logit correction: written, read back equal, and refused in one line when malformed. */
class CorrectionCheckpointTest {
    @TempDir
    Path dir;

    /** Three clusters of the golden model's two logits. */
    static LogitCorrection cat() {
        return new LogitCorrection("cat", 0.4, 2, new float[] {0, 0, 1, -1, -2, 3}, Optional.empty(),
                new float[] {1.5f, 0.5f, 1, 1, 2, 0.25f}, new float[] {0.1f, -0.2f, 0, 0, 3, -1});
    }

    /** Two clusters in a one-dimensional PCA of the two logits. */
    static LogitCorrection withPca() {
        return new LogitCorrection("cat", 0.7, 2, new float[] {-1, 2},
                Optional.of(new LogitCorrection.Projection(new float[] {0.5f, -0.5f}, new float[] {0.6f, 0.8f})),
                new float[] {1.1f, 0.9f, 1, 2}, new float[] {0, 1, -1, 0});
    }

    @Test
    void roundTripsWithAndWithoutPcaOnAnMlpAndLeavesTheLayersAsTheyWere() {
        for (LogitCorrection c : new LogitCorrection[] {cat(), withPca()}) {
            Path file = dir.resolve("q.safetensors");
            Checkpoints.writeRounded(file, GoldenModels.roundedModel(), Optional.of(c), GoldenModels.roundedMetadata());
            LoadedCheckpoint loaded = Checkpoints.read(file);
            assertEquals(Optional.of(c), loaded.correction());
            assertEquals("cat", loaded.metadata().get(Checkpoints.CORRECTION));
            assertEquals(GoldenModels.roundedModel().network(), loaded.network());
        }
        Path plain = dir.resolve("plain.safetensors");
        Checkpoints.writeRounded(plain, GoldenModels.roundedModel(), GoldenModels.roundedMetadata());
        assertEquals(Optional.empty(), Checkpoints.read(plain).correction());
    }

    @Test
    void roundTripsOnANetworkFile() {
        RoundedModel cnn = NetworkCheckpointTest.roundedCnn(4);
        int k = cnn.network().classes();
        float[] ones = new float[k];
        java.util.Arrays.fill(ones, 1f);
        LogitCorrection affine = new LogitCorrection("affine", 0.4, k, new float[k], Optional.empty(), ones,
                new float[k]);
        Path file = dir.resolve("cnn-q.safetensors");
        Checkpoints.writeRounded(file, cnn, Optional.of(affine), new TreeMap<>());
        assertEquals(Optional.of(affine), Checkpoints.read(file).correction());
    }

    @Test
    void appliesTheNearestClustersAffineMapBlendedByAlpha() {
        LogitCorrection c = cat();
        // Sample (1, -1.2) is nearest centroid 1 (1, -1): gamma 1, beta 0, unchanged. Sample (-2, 2.5) is nearest
        // centroid 2 (-2, 3): z + 0.4 ((2 z + 3) - z) on logit 0, z + 0.4 ((0.25 z - 1) - z) on logit 1.
        double[] out = c.apply(new double[] {1, -1.2, -2, 2.5});
        assertArrayEquals(new double[] {1, -1.2, -2 + 0.4 * (-1 + 2), 2.5 + 0.4 * (0.625 - 1 - 2.5)}, out, 1e-6);
        // With the PCA: p = 0.6 (z0 - 0.5) + 0.8 (z1 + 0.5); (3, 0) gives 2.9, nearest centroid 1 (2).
        assertEquals(1, withPca().cluster(new double[] {3, 0}, 0));
        assertEquals(0, withPca().cluster(new double[] {-1, -1}, 0));
    }

    @Test
    void aCorrectionForAnotherClassCountIsNotWritten() {
        LogitCorrection three = new LogitCorrection("affine", 0.4, 3, new float[3], Optional.empty(),
                new float[] {1, 1, 1}, new float[3]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoints.writeRounded(
                dir.resolve("x.safetensors"), GoldenModels.roundedModel(), Optional.of(three), new TreeMap<>()));
        assertEquals("the affine correction is for 3 classes but the model has 2. Maybe it was fitted on another"
                + " model?", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedCorrectionIsRefusedInOneLine(String name, Supplier<SafetensorsFile> content, String expected)
            throws IOException {
        Path path = dir.resolve(name.replace(' ', '-') + ".safetensors");
        Files.write(path, Safetensors.encode(content.get()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoints.read(path));
        String message = e.getMessage();
        assertTrue(message.startsWith(path + ": "), message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
        assertFalse(message.contains("\n"), message);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("gamma missing", (Supplier<SafetensorsFile>) () -> without("correction.gamma"),
                        "tensor 'correction.gamma' is missing for the cat correction"),
                Arguments.of("metadata missing", (Supplier<SafetensorsFile>) () -> metadata(Checkpoints.CORRECTION,
                        null), "hold a logit correction but metadata barq.correction is missing"),
                Arguments.of("alpha not a number", (Supplier<SafetensorsFile>) () -> metadata(
                        Checkpoints.CORRECTION_ALPHA, "much"), "barq.correction.alpha is 'much', not a number"),
                Arguments.of("alpha out of range", (Supplier<SafetensorsFile>) () -> metadata(
                        Checkpoints.CORRECTION_ALPHA, "2"), "correction alpha is 2.0; it must lie in [0, 1]"),
                Arguments.of("beta of another shape", (Supplier<SafetensorsFile>) () -> with("correction.beta",
                        Tensor.f32(new long[] {2, 3}, new float[6])), "tensor 'correction.beta' has shape [2, 3]"
                        + " but the correction needs [3, 2]"),
                Arguments.of("centroids not whole points", (Supplier<SafetensorsFile>) () -> with(
                        "correction.centroids", Tensor.f32(new long[] {5}, new float[5])),
                        "correction centroids hold 5 values, not a whole number of 2-dimensional points"),
                Arguments.of("NaN gamma", (Supplier<SafetensorsFile>) () -> with("correction.gamma",
                        Tensor.f32(new long[] {3, 2}, new float[] {1, 1, Float.NaN, 1, 1, 1})),
                        "correction gamma value 2 is NaN"),
                Arguments.of("unknown tensor", (Supplier<SafetensorsFile>) () -> with("correction.extra",
                        Tensor.f32(new long[] {1}, new float[1])), "unexpected tensors [correction.extra]"),
                Arguments.of("on a float checkpoint", (Supplier<SafetensorsFile>) () -> {
                    SafetensorsFile plain = CheckpointWriter.floatContent(GoldenModels.floatModel(),
                            GoldenModels.floatMetadata());
                    TreeMap<String, String> m = new TreeMap<>(plain.metadata());
                    m.put(Checkpoints.CORRECTION, "cat");
                    return new SafetensorsFile(plain.tensors(), m);
                }, "metadata barq.correction is set on a float checkpoint"));
    }

    private static SafetensorsFile content() {
        return CheckpointWriter.roundedContent(GoldenModels.roundedModel(), Optional.of(cat()),
                GoldenModels.roundedMetadata());
    }

    private static SafetensorsFile without(String name) {
        return with(name, null);
    }

    private static SafetensorsFile with(String name, Tensor tensor) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(content().tensors());
        if (tensor == null) {
            tensors.remove(name);
        } else {
            tensors.put(name, tensor);
        }
        return new SafetensorsFile(tensors, content().metadata());
    }

    private static SafetensorsFile metadata(String key, String value) {
        TreeMap<String, String> m = new TreeMap<>(content().metadata());
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new SafetensorsFile(content().tensors(), m);
    }
}
