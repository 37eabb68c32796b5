package org.barq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.junit.jupiter.api.Test;

/** The deployed model's metrics: every metric reads the corrected logits and the corrected gap's gradient. */
class CorrectedEvaluationTest {
    private static final EvaluationOptions SMALL = new EvaluationOptions(0.5, 8, 3.0, 20);
    /** {@code z_0 - z_1 = 3 x1 + 4 x2 + 1}. */
    private static final Mlp PLANE = TestModels.linear(2, 2, new float[] {3, 4, 0, 0}, new float[] {1, 0});
    /** The same without the bias: the boundary moved by 0.2. */
    private static final Mlp SHIFTED = TestModels.linear(2, 2, new float[] {3, 4, 0, 0}, new float[] {0, 0});

    private static Optional<LogitCorrection> oneCluster(float[] gamma, float[] beta) {
        return Optional.of(new LogitCorrection("affine", 1.0, 2, new float[2], Optional.empty(), gamma, beta));
    }

    @Test
    void aCorrectionThatUndoesTheRoundingGivesTheFloatGeometryBack() {
        Dataset set = TestModels.cross(new int[] {0, 1, 1, 1}, 2);
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(Network.of(PLANE), set, SMALL);
        GeometryReport plain = GeometryEvaluator.evaluate(reference, Network.of(SHIFTED)).report();
        assertEquals(0.2, plain.displacementMedian(), 1e-12);
        GeometryReport corrected = GeometryEvaluator.evaluate(reference, Network.of(SHIFTED),
                oneCluster(new float[] {1, 1}, new float[] {1, 0})).report();
        assertEquals(0.0, corrected.displacementMedian(), 1e-12);
        assertEquals(0.0, corrected.boundaryJaccard(), 0.0);
        assertEquals(0.0, corrected.gridChange(), 0.0);
        assertEquals(plain.accuracyFloat(), corrected.accuracyRounded(), 0.0);
    }

    @Test
    void theCorrectedGapsGradientCarriesTheCorrectionsSlope() {
        // Doubling both logits doubles every gap and its gradient: the radii gap / |gradient| do not move. Without
        // the slope in the gradient they would double.
        Mlp model = TestModels.random(3, 5, 8, 3);
        Dataset set = TestModels.randomSet(4, 60, 5, 3);
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(Network.of(model), set, SMALL);
        LogitCorrection doubled = new LogitCorrection("cat", 1.0, 3, new float[3], Optional.empty(),
                new float[] {2, 2, 2}, new float[3]);
        GeometryReport r = GeometryEvaluator.evaluate(reference, Network.of(model), Optional.of(doubled)).report();
        assertEquals(0.0, r.flipRate(), 0.0);
        assertEquals(0.0, r.displacementMedian(), 1e-9);
        assertEquals(0.0, r.normalVariationMedianDeg(), 1e-6);
        // One class lifted above the others: every sample now predicts it.
        LogitCorrection lifted = new LogitCorrection("cat", 1.0, 3, new float[3], Optional.empty(),
                new float[] {1, 1, 1}, new float[] {0, 0, 1e4f});
        GeometryReport all2 = GeometryEvaluator.evaluate(reference, Network.of(model), Optional.of(lifted)).report();
        int twos = 0;
        for (int label : set.labelArray()) {
            twos += label == 2 ? 1 : 0;
        }
        assertEquals((double) twos / set.size(), all2.accuracyRounded(), 1e-12);
        assertTrue(all2.flipRate() > 0.0);
    }

    @Test
    void aCorrectionForAnotherClassCountIsRefused() {
        GeometryEvaluator.Reference reference = GeometryEvaluator.reference(Network.of(PLANE),
                TestModels.cross(new int[] {0, 1, 1, 1}, 2), SMALL);
        LogitCorrection three = new LogitCorrection("cat", 0.4, 3, new float[3], Optional.empty(),
                new float[] {1, 1, 1}, new float[3]);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GeometryEvaluator.evaluate(reference, Network.of(SHIFTED), Optional.of(three)));
        assertEquals("the cat correction is for 3 classes but the model has 2. Maybe it was fitted on another model?",
                e.getMessage());
    }
}
