package org.barq.experiments.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.api.features.ThresholdCode;
import org.barq.api.model.Network;
import org.barq.experiments.data.DatasetResolver;
import org.barq.features.FeaturesModule;
import org.barq.features.FeatureQuantizerRegistry;
import org.junit.jupiter.api.Test;

/**
 * Straight-through training of the bitwise quantizer: the network sees the hard code, the thresholds still learn.
 * One Adam step over the whole digits training split (one epoch, one batch) isolates it: the network's step depends
 * only on what it was fed, so it must equal the step of a network fed the fixed thermometer's hard codes of the same
 * thresholds, and differ from the step through the soft code.
 */
class StraightThroughTest {
    private static final FeatureQuantizerRegistry REGISTRY = Guice.createInjector(new FeaturesModule())
            .getInstance(FeatureQuantizerRegistry.class);

    @Test
    void theNetworkTakesTheStepOfTheHardCodesWhileTheThresholdsMove() {
        Dataset train = new DatasetResolver(Path.of("no-data-dir")).resolve("digits", SplitSpec.DEFAULT, 0).train();
        double[] scaled = train.scaledInputs(train.trainingScaling());
        ThresholdCode start = (ThresholdCode) REGISTRY.get("bitwise").fit(scaled, train.size(), 64,
                FeatureQuantizerOptions.levels(2));
        TrainingOptions oneStep = new TrainingOptions(List.of(16), null, 1, train.size(), 0.003, 0);

        QuantizedInputModel straight = new Trainer().train(train, oneStep, start,
                new InputTrainingOptions("bitwise", 2, 1e-3, true), null);
        QuantizedInputModel fixed = new Trainer().train(train, oneStep, start,
                new InputTrainingOptions("bitwise-fixed", 2, 1e-3), null);
        QuantizedInputModel soft = new Trainer().train(train, oneStep, start,
                new InputTrainingOptions("bitwise", 2, 1e-3), null);

        // one step of 0.003 reorders no thresholds, so the first layer's columns keep their places
        for (int layer : fixed.network().weightLayers()) {
            assertArrayEquals(weights(fixed.network(), layer), weights(straight.network(), layer), 1e-6f,
                    "layer " + layer);
        }
        int first = fixed.network().weightLayers().get(0);
        assertFalse(Arrays.equals(weights(fixed.network(), first), weights(soft.network(), first)));
        float[] before = start.thresholds();
        float[] after = straight.input().code().thresholds();
        int moved = 0;
        for (int c = 0; c < before.length; c++) {
            moved += before[c] != after[c] ? 1 : 0;
        }
        assertTrue(moved > before.length / 2, moved + " of " + before.length + " thresholds moved");
    }

    @Test
    void straightThroughIsRefusedForAQuantizerWithoutTrainedThresholds() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new InputTrainingOptions("bitwise-fixed", 2, 1e-3, true));
        assertTrue(e.getMessage().contains("'bitwise-fixed'") && e.getMessage().contains("Maybe --input-quantizer"
                + " bitwise?"), e.getMessage());
    }

    private static float[] weights(Network net, int layer) {
        return Network.matrixOf(net.layer(layer)).weights();
    }
}
