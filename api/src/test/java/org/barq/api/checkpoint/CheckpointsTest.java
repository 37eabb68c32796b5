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
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path dir;

    /** A random MLP with odd widths, so the I8 codes have odd byte counts. */
    static Mlp randomMlp(long seed, InputScaling scaling, int... sizes) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            float[] w = new float[sizes[l + 1] * sizes[l]];
            float[] b = new float[sizes[l + 1]];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) rng.nextGaussian();
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) rng.nextGaussian() * 0.1f;
            }
            layers.add(new DenseLayer(sizes[l + 1], sizes[l], w, b));
        }
        return new Mlp(layers, scaling);
    }

    /** Round-to-nearest with absmax scales, enough to make a valid rounded model. */
    static RoundedModel roundNearest(Mlp m, int bits) {
        int qmax = (1 << (bits - 1)) - 1;
        List<QuantizedLayer> q = new ArrayList<>();
        for (DenseLayer l : m.layers()) {
            byte[] codes = new byte[l.out() * l.in()];
            float[] scales = new float[l.out()];
            for (int r = 0; r < l.out(); r++) {
                float max = 0;
                for (int j = 0; j < l.in(); j++) {
                    max = Math.max(max, Math.abs(l.weight(r, j)));
                }
                scales[r] = max > 0 ? max / qmax : 1f;
                for (int j = 0; j < l.in(); j++) {
                    long c = Math.round(l.weight(r, j) / scales[r]);
                    codes[r * l.in() + j] = (byte) Math.max(-qmax - 1, Math.min(qmax, c));
                }
            }
            q.add(new QuantizedLayer(l.out(), l.in(), codes, scales));
        }
        return RoundedModel.of(bits, q, Network.of(m));
    }

    @Test
    void floatModelRoundTripsAndRewritesIdentically() throws Exception {
        Mlp model = randomMlp(1, InputScaling.uniform(1.0 / 255), 7, 5, 3);
        TreeMap<String, String> extra = new TreeMap<>();
        extra.put("barq.data", "mnist");
        extra.put("barq.seed", "11");
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Checkpoints.writeFloat(a, model, extra);
        LoadedCheckpoint loaded = Checkpoints.read(a);
        assertEquals(model, loaded.model());
        assertFalse(loaded.isRounded());
        assertEquals("mlp-v1", loaded.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("pt", loaded.metadata().get(Checkpoints.FORMAT));
        assertEquals("[7,5,3]", loaded.metadata().get(Checkpoints.LAYERS));
        assertFalse(loaded.metadata().containsKey(Checkpoints.INPUT_OFFSET));
        assertEquals("mnist", loaded.metadata().get("barq.data"));
        Checkpoints.writeFloat(b, loaded.model(), extra);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(loaded.sha256(), Checkpoints.read(b).sha256());
    }

    @Test
    void perFeatureScalingRoundTrips() {
        InputScaling scaling = new InputScaling(new double[] {1.5, -2, 0.1, 0, 3}, new double[] {0.3, 1e-7, 2, 1, 0.7});
        Mlp model = randomMlp(2, scaling, 5, 4);
        Path a = dir.resolve("a.safetensors");
        Checkpoints.writeFloat(a, model, new TreeMap<>());
        LoadedCheckpoint loaded = Checkpoints.read(a);
        assertEquals(scaling, loaded.model().scaling());
        assertTrue(loaded.metadata().get(Checkpoints.INPUT_SCALE).startsWith("["));
    }

    @Test
    void roundedModelRoundTripsAndRewritesIdentically() throws Exception {
        Mlp model = randomMlp(3, InputScaling.uniform(0.0625), 9, 7, 5, 3);
        RoundedModel rounded = roundNearest(model, 3);
        TreeMap<String, String> meta = new TreeMap<>(GoldenModels.roundedMetadata());
        Path a = dir.resolve("r.safetensors");
        Path b = dir.resolve("r2.safetensors");
        Checkpoints.writeRounded(a, rounded, meta);
        LoadedCheckpoint loaded = Checkpoints.read(a);
        assertEquals(rounded, loaded.rounded().orElseThrow());
        assertEquals(rounded.network(), loaded.network());
        assertEquals("3", loaded.metadata().get(Checkpoints.BITS));
        assertEquals("mlp-q-v1", loaded.metadata().get(Checkpoints.BARQ_FORMAT));
        assertEquals("absmax", loaded.metadata().get(Checkpoints.GRID));
        Checkpoints.writeRounded(b, loaded.rounded().orElseThrow(), meta);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void everyF32TensorIsFourByteAlignedEvenWithOddCodeSizes() {
        RoundedModel rounded = roundNearest(randomMlp(4, InputScaling.uniform(1), 3, 3, 1), 4);
        byte[] bytes = Safetensors.encode(CheckpointWriter.roundedContent(rounded, Optional.empty(), new TreeMap<>()));
        SafetensorsFile decoded = Safetensors.decode(bytes, "mem");
        long offset = 0;
        for (Tensor t : decoded.tensors().values()) {
            if (t.type() == Dtype.F32) {
                assertEquals(0, offset % 4, t.toString());
            }
            offset += t.data().length;
        }
    }

    @Test
    void callerMetadataThatContradictsTheModelIsRejected() {
        Mlp model = randomMlp(5, InputScaling.uniform(0.5), 2, 2);
        TreeMap<String, String> same = new TreeMap<>();
        same.put(Checkpoints.ACTIVATION, "relu");
        same.put(Checkpoints.INPUT_SCALE, "0.5");
        Checkpoints.writeFloat(dir.resolve("ok.safetensors"), model, same);

        TreeMap<String, String> layers = new TreeMap<>();
        layers.put(Checkpoints.LAYERS, "[2,3]");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Checkpoints.writeFloat(dir.resolve("x.safetensors"), model, layers));
        assertTrue(e.getMessage().contains("barq.layers=[2,3]") && e.getMessage().contains("[2,2]"), e.getMessage());

        TreeMap<String, String> bits = new TreeMap<>();
        bits.put(Checkpoints.BITS, "4");
        assertThrows(InvalidInputException.class, () -> Checkpoints.writeFloat(dir.resolve("x.safetensors"), model, bits));

        TreeMap<String, String> wrongBits = new TreeMap<>();
        wrongBits.put(Checkpoints.BITS, "3");
        assertThrows(InvalidInputException.class, () -> Checkpoints.writeRounded(dir.resolve("x.safetensors"),
                roundNearest(model, 4), wrongBits));

        TreeMap<String, String> format = new TreeMap<>();
        format.put(Checkpoints.BARQ_FORMAT, "mlp-v1");
        assertThrows(InvalidInputException.class, () -> Checkpoints.writeRounded(dir.resolve("x.safetensors"),
                roundNearest(model, 4), format));
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.safetensors");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoints.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }
}
