package org.barq.api.checkpoint;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;

/** The models of {@code make_golden.py}, built the barq way; the two must stay in step. */
final class GoldenModels {
    static final float[] W0 = {0.5f, -1.5f, 2.0f, 0.1f, 0.2f, -0.3f, 1.0f, 0.0f, -2.5f, 0.75f, -0.125f, 3.0f};
    static final float[] B0 = {0.5f, -0.25f, 0.0f, 1.5f};
    static final float[] W1 = {1.0f, -1.0f, 0.5f, 0.25f, -0.5f, 2.0f, 0.1f, -4.0f};
    static final float[] B1 = {0.1f, -0.2f};
    static final byte[] C0 = {1, -3, 4, 7, -8, 0, 2, 5, -1, -4, 3, 6};
    static final float[] S0 = {0.5f, 0.25f, 0.125f, 1.0f};
    static final byte[] C1 = {3, -2, 1, 0, -1, 4, -8, 7};
    static final float[] S1 = {0.0625f, 2.0f};

    private GoldenModels() {
    }

    static Mlp floatModel() {
        return new Mlp(List.of(new DenseLayer(4, 3, W0, B0), new DenseLayer(2, 4, W1, B1)),
                new InputScaling(new double[] {0.5, -1.0, 2.0}, new double[] {0.25, 0.5, 0.125}));
    }

    static SortedMap<String, String> floatMetadata() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("barq.data", "golden");
        return m;
    }

    static RoundedModel roundedModel() {
        Mlp source = new Mlp(List.of(new DenseLayer(4, 3, W0, B0), new DenseLayer(2, 4, W1, B1)),
                InputScaling.uniform(0.0625));
        return RoundedModel.of(4, List.of(new QuantizedLayer(4, 3, C0, S0), new QuantizedLayer(2, 4, C1, S1)), Network.of(source));
    }

    static SortedMap<String, String> roundedMetadata() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put(Checkpoints.GRID, "absmax");
        m.put(Checkpoints.SOLVER, "nearest");
        m.put(Checkpoints.OBJECTIVE, "reconstruction");
        m.put(Checkpoints.LAMBDA, "0.0");
        m.put(Checkpoints.SEED, "7");
        m.put(Checkpoints.SOURCE_SHA256, "0".repeat(64));
        return m;
    }
}
