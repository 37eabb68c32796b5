package org.barq.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.evaluation.FisherRatio;
import org.junit.jupiter.api.Test;

/**
 * The distance ratio and the Fisher ratio against features_golden.py, which sums over explicit pairs and forms the
 * scatter matrices.
 */
class FeatureMeasuresTest {
    @Test
    void distanceRatioOfTheRawFeaturesMatchesThePairwiseSum() {
        assertEquals(2.7587332680378718, DistanceRatio.of(GoldenSet.set()), 1e-13);
    }

    @Test
    void distanceRatioOfTernaryCodesMatchesThePairwiseSum() {
        LabelledFeatures codes = QuantizedFeatures.decoded(NamedFactory.ternary().fit(GoldenSet.X, 8, 3,
                FeatureQuantizerOptions.threshold(0.5)), GoldenSet.set());
        assertEquals(1.855072463768116, DistanceRatio.of(codes), 1e-13);
    }

    @Test
    void fisherRatioOfRawFeaturesAndBinaryCodesMatchesTheScatterMatrices() {
        assertEquals(2.1803223640026865, FisherRatio.of(GoldenSet.X, 8, 3, GoldenSet.Y, 3), 1e-13);
        LabelledFeatures codes = QuantizedFeatures.decoded(NamedFactory.binary().fit(GoldenSet.X, 8, 3,
                FeatureQuantizerOptions.threshold(0.5)), GoldenSet.set());
        assertEquals(1.25, FisherRatio.of(codes.x(), 8, 3, GoldenSet.Y, 3), 1e-13);
    }

    @Test
    void collapsedClassesHaveNoRatio() {
        double[] x = {1, 1, 2, 2};
        assertTrue(Double.isNaN(DistanceRatio.of(new LabelledFeatures(x, 4, 1, new int[] {0, 0, 1, 1}, 2))));
    }
}
