package org.barq.evaluation.stopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class StoppingRuleTest {
    private static StoppingCandidate candidate(int bits, double acc, double flip, double jaccard, double testFlip,
                                               double testJaccard) {
        return new StoppingCandidate(bits, new SplitMetrics(acc, flip, jaccard),
                new SplitMetrics(acc - 0.01, testFlip, testJaccard));
    }

    /** Float calibration accuracy 0.98. */
    private static final List<StoppingCandidate> TABLE = List.of(
            candidate(8, 0.98, 0.000, 0.30, 0.000, 0.35),
            candidate(7, 0.98, 0.005, 0.45, 0.002, 0.50),
            candidate(6, 0.975, 0.010, 0.50, 0.004, 0.55),
            candidate(5, 0.97, 0.020, 0.60, 0.009, 0.80),
            candidate(4, 0.96, 0.030, 0.80, 0.020, 0.90),
            candidate(3, 0.90, 0.100, 0.95, 0.080, 0.97));

    @Test
    void selectsTheLowestQualifyingBitWidthForEachRule() {
        StoppingReport r = StoppingRule.DEFAULTS.select(TABLE, 0.98);
        // 0.98 - 0.97 is 0.01 in decimal (0.010000000000000009 in binary): within eps_acc
        assertEquals(5, r.byAccuracy().orElseThrow().bits());
        // 6 bits meets both thresholds exactly; 5 bits has flip rate 0.02
        assertEquals(6, r.boundaryAware().orElseThrow().bits());
        assertEquals(0.009, r.byAccuracy().orElseThrow().test().flipRate());
        assertEquals(0.55, r.boundaryAware().orElseThrow().test().jaccard());
    }

    @Test
    void saysSoWhenNoCandidateQualifies() {
        StoppingReport r = new StoppingRule(0.0, 0.0, 0.2).select(TABLE.subList(1, 6), 0.99);
        assertTrue(r.byAccuracy().isEmpty());
        assertTrue(r.boundaryAware().isEmpty());
        Map<String, Object> json = r.toJson();
        assertNull(json.get("selected_by_accuracy"));
        assertNull(json.get("boundary_aware"));
        assertEquals(List.of("eps_acc", "tau_flip", "tau_jaccard", "float_calibration_accuracy", "candidates",
                "selected_by_accuracy", "boundary_aware", "n_variants", "jaccard_pearson_r"), List.copyOf(json.keySet()));
    }

    @Test
    void pearsonOfASmallTable() {
        // x = 1..4, y = 2, 4, 5, 4: sum dx dy = 3.5, sum dx^2 = 5, sum dy^2 = 4.75
        assertEquals(3.5 / Math.sqrt(5 * 4.75), StoppingRule.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 4}),
                1e-15);
        StoppingReport r = StoppingRule.DEFAULTS.select(TABLE, 0.98, List.of(
                new JaccardPair("a", 1, 2), new JaccardPair("b", 2, 4), new JaccardPair("c", 3, 5),
                new JaccardPair("d", 4, 4)));
        assertEquals(4, r.variants());
        assertEquals(3.5 / Math.sqrt(5 * 4.75), r.pearsonR(), 1e-15);
    }

    @Test
    void pearsonIsUndefinedForFewVariantsOrNoVariance() {
        assertTrue(Double.isNaN(StoppingRule.pearson(new double[] {1, 2}, new double[] {3, 5})));
        assertTrue(Double.isNaN(StoppingRule.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertTrue(Double.isNaN(StoppingRule.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        assertThrows(InvalidInputException.class, () -> StoppingRule.pearson(new double[3], new double[4]));
    }

    @Test
    void validatesItsInputs() {
        assertThrows(InvalidInputException.class, () -> new StoppingRule(-0.1, 0.01, 0.5));
        assertThrows(InvalidInputException.class, () -> new StoppingRule(0.01, 1.5, 0.5));
        assertThrows(InvalidInputException.class, () -> candidate(9, 1, 0, 0, 0, 0));
        assertThrows(InvalidInputException.class,
                () -> StoppingRule.DEFAULTS.select(List.of(TABLE.get(0), TABLE.get(0)), 0.98));
    }
}
