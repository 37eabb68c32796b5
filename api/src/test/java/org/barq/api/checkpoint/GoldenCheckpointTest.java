package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.barq.api.model.InputScaling;
import org.barq.api.model.RoundedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the file layout to bytes written by an independent numpy script ({@code make_golden.py}). */
class GoldenCheckpointTest {
    @TempDir
    Path dir;

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenCheckpointTest.class.getResource(name).toURI());
    }

    @Test
    void readsTheGoldenFloatCheckpoint() throws Exception {
        LoadedCheckpoint loaded = Checkpoints.read(golden("golden-float.safetensors"));
        assertFalse(loaded.isRounded());
        assertEquals(GoldenModels.floatModel(), loaded.model());
        assertArrayEquals(GoldenModels.W0, loaded.model().layer(0).weights());
        assertArrayEquals(GoldenModels.B1, loaded.model().layer(1).biases());
        assertEquals(new InputScaling(new double[] {0.5, -1.0, 2.0}, new double[] {0.25, 0.5, 0.125}),
                loaded.model().scaling());
        assertEquals("golden", loaded.metadata().get("barq.data"));
        assertEquals("[3,4,2]", loaded.metadata().get(Checkpoints.LAYERS));
        assertEquals(sha256(golden("golden-float.safetensors")), loaded.sha256());
    }

    @Test
    void readsTheGoldenRoundedCheckpoint() throws Exception {
        LoadedCheckpoint loaded = Checkpoints.read(golden("golden-rounded.safetensors"));
        RoundedModel rounded = loaded.rounded().orElseThrow();
        assertEquals(4, rounded.bits());
        assertArrayEquals(GoldenModels.C0, rounded.quantized().get(0).codes());
        assertArrayEquals(GoldenModels.S1, rounded.quantized().get(1).scales());
        assertEquals(0.5f * -3, loaded.model().layer(0).weight(0, 1));
        assertEquals(InputScaling.uniform(0.0625), loaded.model().scaling());
        assertEquals("0.0625", loaded.metadata().get(Checkpoints.INPUT_SCALE));
        assertEquals("nearest", loaded.metadata().get(Checkpoints.SOLVER));
        assertEquals(GoldenModels.roundedModel(), rounded);
    }

    @Test
    void barqWritesTheGoldenBytesExactly() throws Exception {
        Path f = dir.resolve("float.safetensors");
        Path r = dir.resolve("rounded.safetensors");
        Checkpoints.writeFloat(f, GoldenModels.floatModel(), GoldenModels.floatMetadata());
        Checkpoints.writeRounded(r, GoldenModels.roundedModel(), GoldenModels.roundedMetadata());
        assertArrayEquals(resource("golden-float.safetensors"), Files.readAllBytes(f));
        assertArrayEquals(resource("golden-rounded.safetensors"), Files.readAllBytes(r));
    }

    @Test
    void goldenHeaderIsPaddedSoDataIsEightByteAligned() throws Exception {
        for (String name : new String[] {"golden-float.safetensors", "golden-rounded.safetensors"}) {
            byte[] bytes = resource(name);
            long n = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, n % 8, name);
            assertTrue(bytes[(int) (8 + n - 1)] == ' ' || bytes[(int) (8 + n - 1)] == '}', name);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenCheckpointTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(Path p) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
