package org.barq.api.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.model.DenseLayer;
import org.barq.api.problem.RoundingSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LayerGridTest {

    private static DenseLayer randomLayer(int out, int in, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * 0.3);
        }
        return new DenseLayer(out, in, w, new float[out]);
    }

    @ParameterizedTest
    @CsvSource({"2,absmax", "3,absmax", "4,absmax", "8,absmax", "2,mse", "3,mse", "4,mse", "8,mse"})
    void nearestCodesAreInRangeAndWithinHalfAStep(int bits, String method) {
        GridSpec spec = new GridSpec(bits, ScaleMethod.parse(method));
        DenseLayer layer = randomLayer(16, 40, bits * 31L + method.length());
        LayerGrid grid = LayerGrid.fit(layer, spec);
        RoundingSpace space = RoundingSpace.of(layer, grid);
        byte[] codes = space.codes(space.nearest());
        for (int i = 0; i < codes.length; i++) {
            int r = i / layer.in();
            double w = layer.weight(r, i % layer.in());
            double s = grid.scale(r, i % layer.in());
            assertTrue(codes[i] >= spec.qmin() && codes[i] <= spec.qmax(), "code in range");
            boolean inside = w / s >= spec.qmin() && w / s <= spec.qmax();
            if (inside) {
                assertTrue(Math.abs(w - grid.dequantize(r, i % layer.in(), codes[i])) <= s / 2 * (1 + 1e-6),
                        "RTN within half a step at " + i);
            }
        }
    }

    @Test
    void absmaxScaleMapsTheLargestWeightToQmax() {
        DenseLayer layer = new DenseLayer(1, 3, new float[] {0.5f, -1.4f, 0.1f}, new float[1]);
        LayerGrid grid = LayerGrid.fit(layer, new GridSpec(4, ScaleMethod.ABSMAX));
        assertEquals((float) (1.4f / 7.0), grid.scale(0, 0));
        assertEquals(-7, grid.floorCode(0, 1, -1.4f) + (grid.nearestUp(0, 1, -1.4f) ? 1 : 0));
    }

    @Test
    void zeroRowGetsScaleOneAndMseNeverBeatsItselfOnTies() {
        DenseLayer layer = new DenseLayer(2, 2, new float[] {0, 0, 1, -1}, new float[2]);
        LayerGrid mse = LayerGrid.fit(layer, new GridSpec(3, ScaleMethod.MSE));
        assertEquals(1f, mse.scale(0, 0));
        // Weights +-1 sit exactly on the absmax grid: alpha = 1 has zero error and wins the tie.
        assertEquals((float) (1.0 / 3), mse.scale(1, 0));
    }

    @Test
    void mseErrorIsNeverAboveAbsmax() {
        DenseLayer layer = randomLayer(8, 50, 7);
        for (int bits = 2; bits <= 8; bits++) {
            LayerGrid abs = LayerGrid.fit(layer, new GridSpec(bits, ScaleMethod.ABSMAX));
            LayerGrid mse = LayerGrid.fit(layer, new GridSpec(bits, ScaleMethod.MSE));
            assertTrue(error(layer, mse) <= error(layer, abs) + 1e-12, "bits " + bits);
        }
    }

    private static double error(DenseLayer layer, LayerGrid grid) {
        RoundingSpace space = RoundingSpace.of(layer, grid);
        float[] w = space.dequantized(space.nearest());
        double e = 0;
        for (int i = 0; i < w.length; i++) {
            double d = w[i] - layer.weight(i / layer.in(), i % layer.in());
            e += d * d;
        }
        return e;
    }

    @Test
    void weightsAtQmaxAreFixed() {
        DenseLayer layer = new DenseLayer(1, 3, new float[] {1f, 0.2f, -1f}, new float[1]);
        LayerGrid grid = LayerGrid.fit(layer, new GridSpec(2, ScaleMethod.ABSMAX));
        RoundingSpace space = RoundingSpace.of(layer, grid);
        // 2 bits: codes -2..1, s = 1; w = 1 has floor 1 = qmax, so both choices coincide.
        assertEquals(1, space.fixed());
        assertEquals(2, space.variables());
        assertEquals(-1, space.variableOf(0));
        assertFalse(space.nearest()[0]);
    }

    @Test
    void badBitsAreRejectedWithTheValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new GridSpec(9, ScaleMethod.ABSMAX));
        assertTrue(e.getMessage().contains("9"));
        assertThrows(InvalidInputException.class, () -> new GridSpec(1, ScaleMethod.ABSMAX));
        assertThrows(InvalidInputException.class, () -> ScaleMethod.parse("minmax"));
    }
}
