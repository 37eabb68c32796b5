package org.barq.evaluation.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.TestModels;
import org.barq.evaluation.slice.Slice;
import org.barq.evaluation.slice.SlicePlane;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
    private static final Dataset CROSS = TestModels.cross(new int[] {0, 1, 0, 1}, 2);
    private static final EvaluationOptions GRID_4 = new EvaluationOptions(0.2, 4, 3.0, 20);

    @Test
    void identicalEndsChangeNoCell() {
        Mlp model = TestModels.random(21, 2, 6, 3);
        InterpolationResult r = Interpolator.run(Network.of(model), Network.of(model), Network.of(model), CROSS, GRID_4.withSliceGrid(30));
        assertEquals(0, r.report().changedCells());
        assertEquals(0, r.report().reconfigured().blocks());
        assertEquals(Collections.nCopies(20, 0), r.report().firstChangesPerStep());
        for (double t : r.firstChange()) {
            assertTrue(Double.isNaN(t));
        }
        assertArrayEquals(r.low().labels(), r.high().labels());
    }

    @Test
    void boundaryMovingAcrossAColumnChangesItAtTheKnownStep() {
        // z_0 - z_1 = 2 x1 - 3t: the boundary walks from x1 = 0 to x1 = 1.5. Column 2 sits at x1 = sqrt 2, which the
        // boundary passes when 3t > 2 sqrt 2, t > 0.943: the first step after that is t = 19/20.
        Mlp low = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
        Mlp high = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-1.5f, 1.5f});
        InterpolationResult r = Interpolator.run(Network.of(low), Network.of(low), Network.of(high), CROSS, GRID_4);
        double[] first = r.firstChange();
        for (int cell = 0; cell < 16; cell++) {
            if (cell % 4 == 2) {
                assertEquals(19.0 / 20.0, first[cell], 0.0, "cell " + cell);
            } else {
                assertTrue(Double.isNaN(first[cell]), "cell " + cell);
            }
        }
        List<Integer> perStep = new ArrayList<>(Collections.nCopies(20, 0));
        perStep.set(18, 4);
        assertEquals(perStep, r.report().firstChangesPerStep());
        assertEquals(4, r.report().changedCells());
        assertEquals(0, r.report().junctionsLow());
        assertEquals(0, r.report().reconfigured().blocks());
        assertEquals(1, r.high().label(0, 2));
    }

    @Test
    void slicesAtChosenPositionsAreThoseOfThePath() {
        // The same path as above: column 2 changes only after t = 0.943, so at 0.5 nothing has moved yet.
        Mlp low = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
        Mlp high = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-1.5f, 1.5f});
        InterpolationResult r = Interpolator.run(Network.of(low), Network.of(low), Network.of(high), CROSS, GRID_4);
        SlicePlane plane = r.low().plane();
        List<Slice> slices = Interpolator.slices(Network.of(low), Optional.empty(), Network.of(high),
                Optional.empty(), plane, List.of(0.0, 0.5, 1.0));
        assertArrayEquals(r.low().labels(), slices.get(0).labels());
        assertArrayEquals(r.low().labels(), slices.get(1).labels());
        assertArrayEquals(r.high().labels(), slices.get(2).labels());
    }

    @Test
    void aLongerMoveCrossesColumnsAtSuccessiveSteps() {
        // z_0 - z_1 = 2 x1 - 10t: the boundary x1 = 5t passes column 2 (x1 = sqrt 2) after t = 0.283, so at t = 6/20,
        // and column 3 (x1 = 3 sqrt 2) after t = 0.849, so at t = 17/20
        Mlp low = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
        Mlp high = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-5, 5});
        InterpolationResult r = Interpolator.run(Network.of(low), Network.of(low), Network.of(high), CROSS, GRID_4);
        double[] first = r.firstChange();
        for (int row = 0; row < 4; row++) {
            assertTrue(Double.isNaN(first[row * 4]));
            assertTrue(Double.isNaN(first[row * 4 + 1]));
            assertEquals(6.0 / 20.0, first[row * 4 + 2], 0.0);
            assertEquals(17.0 / 20.0, first[row * 4 + 3], 0.0);
        }
        assertEquals(4, r.report().firstChangesPerStep().get(5));
        assertEquals(4, r.report().firstChangesPerStep().get(16));
        assertEquals(8, r.report().changedCells());
    }

    @Test
    void reconfiguredJunctionsAreJunctionBlocksOfEitherEndWithAChangedCell() {
        // G = 3, rows from row 0. Low: one junction, block (0, 1). High: cell 6 relabelled 3, which adds block (1, 0).
        int[] low = {0, 0, 1, 0, 2, 1, 2, 2, 1};
        int[] high = {0, 0, 1, 0, 2, 1, 3, 2, 1};
        boolean[] onlySix = new boolean[9];
        onlySix[6] = true;
        assertEquals(new ReconfiguredJunctions(1, 1), ReconfiguredJunctions.of(low, high, onlySix, 3));
        // cell 4 lies in both junction blocks and is counted once
        boolean[] fourAndSix = onlySix.clone();
        fourAndSix[4] = true;
        assertEquals(new ReconfiguredJunctions(2, 2), ReconfiguredJunctions.of(low, high, fourAndSix, 3));
        // a change away from every junction block reconfigures none
        boolean[] onlyEight = new boolean[9];
        onlyEight[8] = true;
        assertEquals(new ReconfiguredJunctions(0, 0), ReconfiguredJunctions.of(low, low, onlyEight, 3));
    }

    @Test
    void jsonHasTheDocumentedKeysInOrder() {
        Mlp model = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
        Map<String, Object> json = Interpolator.run(Network.of(model), Network.of(model), Network.of(model), CROSS, GRID_4).report().toJson();
        assertEquals(List.of("steps", "slice_grid", "changed_cells", "changed_fraction", "junctions_low",
                "junctions_high", "reconfigured_junctions", "changed_cells_in_reconfigured_junctions",
                "first_changes_per_step"), List.copyOf(json.keySet()));
        assertEquals(20, json.get("steps"));
    }
}
