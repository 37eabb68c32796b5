package org.barq.evaluation.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Optional;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.evaluation.TestModels;
import org.barq.evaluation.slice.SliceNetwork;
import org.barq.evaluation.slice.SlicePlane;
import org.junit.jupiter.api.Test;

/** The path between two deployed models starts at the corrected low model's slice and ends at the high one's. */
class CorrectedInterpolationTest {
    @Test
    void theEndsAreTheDeployedModelsSlices() {
        Network low = Network.of(TestModels.random(5, 4, 8, 3));
        Network high = Network.of(TestModels.random(6, 4, 8, 3));
        Dataset set = TestModels.randomSet(7, 80, 4, 3);
        SlicePlane plane = SlicePlane.fit(set, low.scaling(), 30, 3.0);
        LogitCorrection lift = new LogitCorrection("affine", 1.0, 3, new float[3], Optional.empty(),
                new float[] {1, 1, 1}, new float[] {0, 0, 2});
        InterpolationResult corrected = Interpolator.run(low, Optional.of(lift), high, Optional.of(lift), plane, 5);
        InterpolationResult plain = Interpolator.run(low, high, plane, 5);
        int[] lowDeployed = SliceNetwork.of(low).corrected(Optional.of(lift)).slice(plane).labels();
        int[] highDeployed = SliceNetwork.of(high).corrected(Optional.of(lift)).slice(plane).labels();
        assertArrayEquals(lowDeployed, corrected.low().labels());
        assertArrayEquals(highDeployed, corrected.high().labels());
        assertFalse(Arrays.equals(plain.low().labels(), corrected.low().labels()),
                "the lift moves some cells to class 2, so the check above can tell");
    }
}
