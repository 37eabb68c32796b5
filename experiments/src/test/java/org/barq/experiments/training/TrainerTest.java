package org.barq.experiments.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.Sha256;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetResolver;
import org.junit.jupiter.api.Test;

/** Training any network through the shared layer passes: the MLP exactly as before, CNNs learning, deterministic. */
class TrainerTest {
    private static final Splits DIGITS = new DatasetResolver(Path.of("no-data-dir")).resolve("digits",
            SplitSpec.DEFAULT, 0);

    /**
     * SHA-256 of the weights and biases, layer by layer, as F32 little-endian: the tensor bytes of the checkpoint
     * {@code barq train --hidden 8 --epochs 2 --seed 5} wrote at commit bd4ca79, before training went through the
     * layer passes (its own MLP backward then).
     */
    private static final String MLP_BEFORE_THE_PASSES =
            "0604f7ee052b548bb55d154e0f79a3ad9a05f2fab35ae0e0587135130f74a16c";

    private static String tensorSha(Network network) {
        int floats = 0;
        for (int i : network.weightLayers()) {
            DenseLayer m = Network.matrixOf(network.layer(i));
            floats += m.weights().length + m.biases().length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : network.weightLayers()) {
            DenseLayer m = Network.matrixOf(network.layer(i));
            for (float w : m.weights()) {
                bytes.putFloat(w);
            }
            for (float b : m.biases()) {
                bytes.putFloat(b);
            }
        }
        return Sha256.hex(bytes.array());
    }

    @Test
    void anMlpTrainsToTheSameBitsAsBeforeTheSharedPasses() {
        Network mlp = new Trainer().train(DIGITS.train(), new TrainingOptions(List.of(8), null, 2, 32, 0.003, 5),
                null);
        assertEquals("dense(8)-relu-dense(10)", mlp.spec());
        assertEquals(MLP_BEFORE_THE_PASSES, tensorSha(mlp));
    }

    @Test
    void aCnnLearnsDigitsAndTheSameSeedGivesTheSameBits() {
        String arch = "conv(8,k3,p1)-relu-maxpool(2)-conv(16,k3,p1)-relu-maxpool(2)-flatten-dense(10)";
        TrainingOptions options = new TrainingOptions(List.of(), arch, 5, 32, 0.003, 0);
        Network a = new Trainer().train(DIGITS.train(), options, null);
        Network b = new Trainer().train(DIGITS.train(), options, null);
        assertEquals(arch, a.spec());
        assertTrue(a.layer(0) instanceof Conv2d);
        assertEquals(tensorSha(a), tensorSha(b), "same seed, same bits");
        Network other = new Trainer().train(DIGITS.train(), new TrainingOptions(List.of(), arch, 1, 32, 0.003, 1),
                null);
        assertNotEquals(tensorSha(a), tensorSha(other), "another seed, and one epoch");
        double accuracy = Trainer.accuracy(a, DIGITS.test());
        assertTrue(accuracy > 0.8, "test accuracy " + accuracy);
    }

    @Test
    void anArchitectureThatDoesNotFitTheDataIsRefusedInOneLine() {
        String m = assertThrows(InvalidInputException.class, () -> new Trainer().train(DIGITS.train(),
                new TrainingOptions(List.of(), "conv(4,k3)-relu-flatten-dense(7)", 1, 32, 0.01, 1), null))
                .getMessage();
        assertTrue(m.contains("ends with 7 outputs but the data set has 10 classes. Maybe end it with dense(10)?"), m);
        m = assertThrows(InvalidInputException.class, () -> new Trainer().train(DIGITS.train(),
                new TrainingOptions(List.of(), "conv(4,k9)-dense(10)", 1, 32, 0.01, 1), null)).getMessage();
        assertTrue(m.contains("layer 1 'conv(4,k9)'") && m.contains("cannot slide its 9x9 kernel"), m);
    }
}
