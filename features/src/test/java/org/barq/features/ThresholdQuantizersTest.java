package org.barq.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.api.features.ThresholdCode;
import org.junit.jupiter.api.Test;

/** The thermometer (bitwise-fixed, bitwise), quantile and storable uniform quantizers. */
class ThresholdQuantizersTest {
    private static final FeatureQuantizerRegistry REGISTRY = Guice.createInjector(new FeaturesModule())
            .getInstance(FeatureQuantizerRegistry.class);

    /** 100 samples of 2 features: 0..99 and its square, so every quantile is a distinct value. */
    private static double[] ramp() {
        double[] x = new double[200];
        for (int i = 0; i < 100; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = (double) i * i;
        }
        return x;
    }

    private static int[] counts(FeatureQuantizer q, double[] x, int feature) {
        int[] c = new int[1 << q.bits()];
        for (int i = 0; i < 100; i++) {
            c[q.encode(Arrays.copyOfRange(x, 2 * i, 2 * i + 2))[feature]]++;
        }
        return c;
    }

    @Test
    void theFixedThermometerSplitsEachFeatureAtItsQuartilesAndDecodesToOnesThenZeros() {
        double[] x = ramp();
        FeatureQuantizer q = REGISTRY.get("bitwise-fixed").fit(x, 100, 2, FeatureQuantizerOptions.levels(2));
        assertEquals(2, q.bits());
        assertEquals(6, q.width());
        assertEquals(16.0, q.compressionFactor());
        // quantiles 0.25, 0.5, 0.75 of 0..99 are 24.75, 49.5, 74.25: 25 samples per code, for either feature
        assertArrayEquals(new int[] {25, 25, 25, 25}, counts(q, x, 0));
        assertArrayEquals(new int[] {25, 25, 25, 25}, counts(q, x, 1));
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0}, q.decode(new int[] {2, 0}));
        assertArrayEquals(new double[] {1, 1, 1, 1, 0, 0}, q.decode(new int[] {3, 1}));
    }

    @Test
    void aRepeatedValueGetsOneThresholdAndTheOthersSplitTheValuesAboveIt() {
        // 80 samples at 0 (a digit's background pixel) and 1..20: plain quartiles would put all three thresholds on 0
        double[] x = new double[100];
        for (int i = 80; i < 100; i++) {
            x[i] = i - 79;
        }
        ThresholdCode q = QuantileThresholds.fit(x, 100, 1, new int[] {2}, "bitwise-fixed",
                ThresholdCode.Decoding.THERMOMETER);
        int[] counts = new int[4];
        for (double v : x) {
            counts[q.encode(new double[] {v})[0]]++;
        }
        // 0 | 1..7 | 8..14 | 15..20, the last two thresholds halfway between training values
        assertArrayEquals(new int[] {80, 7, 7, 6}, counts);
        float[] a = q.thresholds();
        for (double v : x) {
            for (float t : a) {
                assertTrue(q.standardised(0, v) != t, "a threshold on the training value " + v);
            }
        }
    }

    @Test
    void quantileLevelsAreTheMeanTrainingValueOfEachCode() {
        double[] x = ramp();
        FeatureQuantizer q = REGISTRY.get("quantile").fit(x, 100, 2, FeatureQuantizerOptions.levels(1));
        assertEquals(2, q.width());
        // code 0 holds samples 0..49 (mean 24.5; squares 808.5), code 1 holds 50..99 (mean 74.5)
        assertArrayEquals(new double[] {74.5, 808.5}, q.decode(new int[] {1, 0}), 1e-4);
        assertEquals(24.5, q.value(0, 0), 1e-4);
    }

    @Test
    void aStoredUniformQuantizerCodesLikeTheUniformOne() {
        double[] x = ramp();
        FeatureQuantizer u = REGISTRY.get("uniform").fit(x, 100, 2, FeatureQuantizerOptions.levels(3));
        ThresholdCode t = StorableQuantizers.of(u);
        for (int i = 0; i < 100; i++) {
            double[] s = Arrays.copyOfRange(x, 2 * i, 2 * i + 2);
            assertArrayEquals(u.encode(s), t.encode(s), "sample " + i);
            assertArrayEquals(u.decode(u.encode(s)), t.decode(t.encode(s)), 1e-3);
        }
    }

    @Test
    void perFeatureBitsGiveEachFeatureItsOwnThermometer() {
        ThresholdCode q = QuantileThresholds.fit(ramp(), 100, 2, new int[] {1, 3}, "bitwise-fixed",
                ThresholdCode.Decoding.THERMOMETER);
        assertEquals(1 + 7, q.width());
        assertEquals(4, q.sampleBits());
        assertEquals(16.0, q.compressionFactor());
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0, 0, 0}, q.decode(new int[] {1, 2}));
    }

    @Test
    void badBitsCodesAndWidthsAreRefusedInOneLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> QuantileThresholds.fit(ramp(), 100,
                2, new int[] {2, 9}, "bitwise", ThresholdCode.Decoding.THERMOMETER));
        assertTrue(e.getMessage().contains("bits per feature 9"), e.getMessage());
        FeatureQuantizer q = REGISTRY.get("bitwise").fit(ramp(), 100, 2, FeatureQuantizerOptions.levels(2));
        e = assertThrows(InvalidInputException.class, () -> q.encode(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("fitted on 2"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> q.decode(new int[] {4, 0}));
        assertTrue(e.getMessage().contains("code 4"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        e = assertThrows(InvalidInputException.class, () -> StorableQuantizers.of(REGISTRY.get("binary").fit(ramp(),
                100, 2, FeatureQuantizerOptions.threshold(0))));
        assertTrue(e.getMessage().contains("cannot be stored"), e.getMessage());
    }
}
