package org.barq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.junit.jupiter.api.Test;

class GeometryEvaluatorTest {
    private static final EvaluationOptions SMALL = new EvaluationOptions(0.5, 4, 3.0, 20);

    /** {@code z_0 - z_1 = 3 x1 + 4 x2 + 1}: the distance to the boundary is {@code |3 x1 + 4 x2 + 1| / 5}. */
    private static final Mlp PLANE = TestModels.linear(2, 2, new float[] {3, 4, 0, 0}, new float[] {1, 0});

    @Test
    void marginRadiiOfALinearModelAreExactDistancesToItsBoundary() {
        // same normal, boundary moved: z_0 - z_1 = 3 x1 + 4 x2. On the cross the gaps are 7, -5, 5, -3 (float) and
        // 6, -6, 4, -4 (rounded): rho = 1.4, 1, 1, 0.6 and rho^ = 1.2, 1.2, 0.8, 0.8, so every displacement is 0.2.
        Mlp shifted = TestModels.linear(2, 2, new float[] {3, 4, 0, 0}, new float[] {0, 0});
        Dataset set = TestModels.cross(new int[] {0, 1, 1, 1}, 2);
        GeometryReport r = GeometryEvaluator.evaluate(Network.of(PLANE), Network.of(shifted), set, SMALL).report();
        assertEquals(0.75, r.accuracyFloat(), 0.0);
        assertEquals(0.75, r.accuracyRounded(), 0.0);
        assertEquals(0.0, r.flipRate(), 0.0);
        assertEquals(0.2, r.displacementMedian(), 1e-12);
        assertEquals(0.2, r.displacementP90(), 1e-12);
        assertEquals(0.0, r.normalVariationMedianDeg(), 0.0);
        // margins 7, 5, 5, 3: the 0.5-quantile is 5, so the band holds the last three samples
        assertEquals(5.0, r.bandThreshold(), 0.0);
        assertEquals(3, r.band());
        assertEquals(4, r.samples());
        assertEquals(0, r.gradientExcluded());
    }

    @Test
    void normalVariationIsTheAngleBetweenTheTwoGradients() {
        // rounded normal (4, 3) against (3, 4): cos = 24/25 for every sample, whatever its pair's sign.
        // gaps 9, -7, 4, -2 -> rho^ = 1.8, 1.4, 0.8, 0.4 -> displacements 0.4, 0.4, 0.2, 0.2
        Mlp turned = TestModels.linear(2, 2, new float[] {4, 3, 0, 0}, new float[] {1, 0});
        GeometryReport r = GeometryEvaluator.evaluate(Network.of(PLANE), Network.of(turned), TestModels.cross(new int[] {0, 1, 0, 1}, 2), SMALL)
                .report();
        assertEquals(Math.toDegrees(Math.acos(0.96)), r.normalVariationMedianDeg(), 1e-9);
        assertEquals(0.3, r.displacementMedian(), 1e-12);
        assertEquals(0.4, r.displacementP90(), 1e-12);
        // band = samples 1, 2, 3 with displacements 0.4, 0.2, 0.2
        assertEquals(0.2, r.bandDisplacementMedian(), 1e-12);
        assertEquals(0.36, r.bandDisplacementP90(), 1e-12);
        // their pair gaps 5, 5, 3 became 7, 4, 2 on the float pair: changes 2, -1, -1 (all four samples: sqrt 2.5)
        assertEquals(Math.sqrt(2.0), r.bandGapRms(), 1e-12);
    }

    @Test
    void identicalModelsChangeNothing() {
        Mlp model = TestModels.random(3, 5, 8, 3);
        Dataset set = TestModels.randomSet(4, 60, 5, 3);
        GeometryReport r = GeometryEvaluator.evaluate(Network.of(model), Network.of(model), set, new EvaluationOptions(0.2, 40, 3.0, 20))
                .report();
        assertEquals(0.0, r.flipRate(), 0.0);
        assertEquals(0.0, r.bandFlipRate(), 0.0);
        assertEquals(0.0, r.pairOrderFlip(), 0.0);
        assertEquals(0.0, r.bandGapRms(), 0.0);
        assertEquals(0.0, r.boundaryJaccard(), 0.0);
        assertEquals(0.0, r.displacementMedian(), 0.0);
        assertEquals(0.0, r.displacementP90(), 0.0);
        assertEquals(0.0, r.normalVariationMedianDeg(), 0.0);
        assertEquals(0.0, r.gridChange(), 0.0);
        assertEquals(r.junctionsFloat(), r.junctionsRounded());
        assertEquals(r.accuracyFloat(), r.accuracyRounded(), 0.0);
        assertEquals(r.fisherFloat(), r.fisherRounded());
        // the band is the 20 % of samples with the smallest margins: 0.2-quantile of 60 values, h = 11.8
        assertEquals(12, r.band());
    }

    @Test
    void sampleOutcomesAreWhatTheMetricsCount() {
        // The same cross as above: gaps 7, -5, 5, -3 (float) and 6, -6, 4, -4 (rounded) on the float pair.
        Mlp shifted = TestModels.linear(2, 2, new float[] {3, 4, 0, 0}, new float[] {0, 0});
        Dataset set = TestModels.cross(new int[] {0, 1, 1, 1}, 2);
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(Network.of(PLANE), set, SMALL);
        SampleOutcomes rounded = reference.outcomesOf(Network.of(shifted), java.util.Optional.empty());
        SampleOutcomes floats = reference.outcomes();
        int flips = 0;
        for (int i = 0; i < set.size(); i++) {
            flips += rounded.predicted()[i] != floats.predicted()[i] ? 1 : 0;
        }
        GeometryReport r = GeometryEvaluator.evaluate(reference, Network.of(shifted)).report();
        assertEquals(r.flipRate(), (double) flips / set.size(), 0.0);
        assertEquals(r.bandThreshold(), reference.bandThreshold(), 0.0);
        assertEquals(4, reference.projections().length / 2);
    }

    @Test
    void swappingTwoClassesFlipsEverything() {
        Mlp swapped = TestModels.linear(2, 2, new float[] {0, 0, 3, 4}, new float[] {0, 1});
        GeometryReport r = GeometryEvaluator.evaluate(Network.of(PLANE), Network.of(swapped), TestModels.cross(new int[] {0, 1, 0, 1}, 2), SMALL)
                .report();
        assertEquals(1.0, r.flipRate(), 0.0);
        assertEquals(1.0, r.bandFlipRate(), 0.0);
        assertEquals(1.0, r.pairOrderFlip(), 0.0);
        // each band gap m (5, 5, 3) became -m on the same pair: changes -2m
        assertEquals(2 * Math.sqrt(59.0 / 3), r.bandGapRms(), 1e-12);
        assertEquals(1.0, r.accuracyFloat(), 0.0);
        assertEquals(0.0, r.accuracyRounded(), 0.0);
        assertEquals(180.0, r.normalVariationMedianDeg(), 1e-9);
        // rho^ = -rho: displacements 2 * (1.4, 1, 1, 0.6)
        assertEquals(2.0, r.displacementMedian(), 1e-12);
        // the same partition with the labels exchanged: every cell changes, the boundary does not move
        assertEquals(1.0, r.gridChange(), 0.0);
        assertEquals(0.0, r.boundaryJaccard(), 0.0);
    }

    @Test
    void sliceMetricsOfAMovedBoundaryAreKnownExactly() {
        // float boundary x1 = 0, rounded x1 = 1.5. Cells sit at x1 = a sqrt(2), a in {-3, -1, 1, 3}: the float
        // boundary cells are columns 1, 2; the rounded ones columns 2, 3, whose column 2 now says class 1.
        Mlp vertical = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
        Mlp moved = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-3, 0});
        GeometryEvaluation e = GeometryEvaluator.evaluate(Network.of(vertical), Network.of(moved), TestModels.cross(new int[] {0, 1, 0, 1}, 2),
                SMALL);
        assertEquals(1.0 - 4.0 / 12.0, e.report().boundaryJaccard(), 1e-15);
        assertEquals(0.25, e.report().gridChange(), 0.0);
        assertEquals(0, e.report().junctionsFloat());
        assertEquals(0, e.report().junctionsRounded());
        for (int row = 0; row < 4; row++) {
            assertEquals(1, e.roundedSlice().label(row, 2));
            assertEquals(0, e.floatSlice().label(row, 2));
        }
    }

    @Test
    void fisherRatiosCoverInputsEveryHiddenLayerAndLogits() {
        Mlp model = TestModels.random(5, 4, 6, 5, 3);
        Dataset set = TestModels.randomSet(6, 30, 4, 3);
        GeometryReport r = GeometryEvaluator.evaluate(Network.of(model), Network.of(model), set, new EvaluationOptions(0.2, 8, 3.0, 20))
                .report();
        assertEquals(List.of("inputs", "hidden_1", "hidden_2", "logits"), List.copyOf(r.fisherFloat().keySet()));
        double[] x = set.scaledInputs(model.scaling());
        assertEquals(FisherRatio.of(x, 30, 4, set.labelArray(), 3), r.fisherFloat().get("inputs"), 1e-15);
    }

    @Test
    void jsonHasTheDocumentedKeysInOrder() {
        Map<String, Object> json = GeometryEvaluator.evaluate(Network.of(PLANE), Network.of(PLANE), TestModels.cross(new int[] {0, 1, 0, 1}, 2),
                SMALL).report().toJson();
        assertEquals(List.of("accuracy_float", "accuracy_rounded", "flip_rate", "band_flip_rate", "pair_order_flip",
                "band_gap_rms", "displacement_median", "displacement_p90", "band_displacement_median", "band_displacement_p90",
                "normal_variation_median_deg", "boundary_jaccard", "grid_change", "junctions_float", "junctions_rounded",
                "fisher_ratio", "n_samples", "n_band", "n_gradient_excluded", "band_threshold", "beta", "slice_grid",
                "slice_range"), List.copyOf(json.keySet()));
        Map<?, ?> fisher = (Map<?, ?>) json.get("fisher_ratio");
        assertEquals(List.of("float", "rounded"), List.copyOf(fisher.keySet()));
        assertEquals(List.of("inputs", "logits"), List.copyOf(((Map<?, ?>) fisher.get("float")).keySet()));
    }

    @Test
    void rejectsModelsThatDoNotBelongTogether() {
        Mlp wider = TestModels.linear(3, 2, new float[6], new float[3]);
        Dataset set = TestModels.cross(new int[] {0, 1, 0, 1}, 2);
        assertThrows(InvalidInputException.class, () -> GeometryEvaluator.evaluate(Network.of(PLANE), Network.of(wider), set, SMALL));
        Mlp other = new Mlp(List.of(new DenseLayer(2, 3, new float[6], new float[2])), PLANE.scaling());
        assertThrows(InvalidInputException.class, () -> GeometryEvaluator.evaluate(Network.of(other), Network.of(other), set, SMALL));
    }
}
