package org.barq.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerOptions;
import org.junit.jupiter.api.Test;

/** The three quantizers on the hand-made matrix of features_golden.py, codes and errors against its values. */
class FeatureQuantizersTest {
    private static final FeatureQuantizerRegistry REGISTRY = Guice.createInjector(new FeaturesModule())
            .getInstance(FeatureQuantizerRegistry.class);

    private static FeatureQuantizer fit(String name, FeatureQuantizerOptions options) {
        return REGISTRY.get(name).fit(GoldenSet.X, 8, 3, options);
    }

    private static int[][] codes(FeatureQuantizer q) {
        int[][] codes = new int[8][];
        for (int i = 0; i < 8; i++) {
            codes[i] = q.encode(java.util.Arrays.copyOfRange(GoldenSet.X, i * 3, i * 3 + 3));
        }
        return codes;
    }

    @Test
    void binaryThresholdsTheCentredFeatureAtCTimesItsMeanAbsoluteValue() {
        FeatureQuantizer q = fit("binary", FeatureQuantizerOptions.threshold(0.5));
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 0, 1}, {0, 1, 1}, {0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 0, 0},
            {1, 1, 0}}, codes(q));
        assertEquals(1, q.bits());
        assertEquals(3, q.width());
        assertArrayEquals(new double[] {1, 0, 1}, q.decode(new int[] {1, 0, 1}));
        assertEquals(0.4897777777777777, QuantizedFeatures.meanSquaredError(q, GoldenSet.set()), 1e-15);
        // Code 1 of feature 0 is samples 4, 5 and 7: (3 + 2.5 + 4) / 3.
        assertEquals(9.5 / 3, q.value(0, 1), 1e-15);
    }

    @Test
    void ternaryKeepsTheSignOfCentredFeaturesBeyondTheThreshold() {
        FeatureQuantizer q = fit("ternary", FeatureQuantizerOptions.threshold(0.5));
        assertArrayEquals(new int[][] {{-1, 0, 1}, {-1, -1, 1}, {-1, 1, 1}, {-1, -1, -1}, {1, 0, -1}, {1, 1, -1},
            {0, -1, 0}, {1, 1, 0}}, codes(q));
        assertEquals(2, q.bits());
        assertArrayEquals(new double[] {-1, 0, 1}, q.decode(new int[] {-1, 0, 1}));
        assertEquals(0.17524305555555555, QuantizedFeatures.meanSquaredError(q, GoldenSet.set()), 1e-15);
    }

    @Test
    void uniformTakesTheNearestOfTwoToTheBLevelsOfTheTrainingRange() {
        FeatureQuantizer q = fit("uniform", FeatureQuantizerOptions.levels(2));
        assertArrayEquals(new int[][] {{0, 1, 3}, {0, 1, 2}, {1, 2, 3}, {1, 0, 1}, {2, 2, 0}, {2, 3, 0}, {2, 1, 1},
            {3, 3, 2}}, codes(q));
        assertEquals(0.14722222222222223, QuantizedFeatures.meanSquaredError(q, GoldenSet.set()), 1e-15);
        assertArrayEquals(new double[] {4.0 / 3, 3.0, 0.0}, q.decode(new int[] {1, 3, 0}), 1e-15);
        assertArrayEquals(new int[] {0, 3, 3}, q.encode(new double[] {-7, 99, 5.1}), "clamped to the end levels");
    }

    @Test
    void cZeroSplitsAtTheMeanAndAConstantFeatureGetsOneCode() {
        double[] x = {1, 5, 2, 5, 3, 5, 6, 5};
        FeatureQuantizer binary = REGISTRY.get("binary").fit(x, 4, 2, FeatureQuantizerOptions.threshold(0));
        assertArrayEquals(new int[] {0, 0}, binary.encode(new double[] {2, 5}));
        assertArrayEquals(new int[] {1, 0}, binary.encode(new double[] {3.1, 5}));
        FeatureQuantizer uniform = REGISTRY.get("uniform").fit(x, 4, 2, FeatureQuantizerOptions.levels(3));
        assertArrayEquals(new int[] {7, 0}, uniform.encode(new double[] {6, 5}));
        assertEquals(5.0, uniform.value(1, 0));
    }

    @Test
    void wrongSizesAndCodesAreRefusedInOneLineNamingTheValue() {
        FeatureQuantizer q = fit("ternary", FeatureQuantizerOptions.threshold(1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> q.encode(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("2 features") && e.getMessage().contains("fitted on 3")
                && e.getMessage().contains("Maybe"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> q.decode(new int[] {0, 2, 0}));
        assertTrue(e.getMessage().contains("code 2 of feature 1") && e.getMessage().contains("Maybe"));
        e = assertThrows(InvalidInputException.class, () -> new FeatureQuantizerOptions(0, 9));
        assertTrue(e.getMessage().contains("bits per feature 9") && e.getMessage().contains("Maybe"));
        e = assertThrows(InvalidInputException.class, () -> FeatureQuantizerOptions.threshold(-0.5));
        assertTrue(e.getMessage().contains("-0.5") && e.getMessage().contains("Maybe"));
        e = assertThrows(InvalidInputException.class, () -> REGISTRY.get("thermometer"));
        assertTrue(e.getMessage().contains("binary, bitwise, bitwise-fixed, quantile, ternary, uniform"));
        assertThrows(InvalidInputException.class, () -> REGISTRY.get("binary").fit(new double[5], 2, 3,
                FeatureQuantizerOptions.threshold(0)));
    }

    @Test
    void theRegistryListsByName() {
        assertEquals(List.of("binary", "bitwise", "bitwise-fixed", "quantile", "ternary", "uniform"),
                REGISTRY.all().stream().map(f -> f.name()).toList());
        // barq features sweeps issue 19's quantizers only
        assertEquals(List.of("binary", "ternary", "uniform"), REGISTRY.sweep().stream().map(f -> f.name()).toList());
    }
}
