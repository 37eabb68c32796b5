package org.barq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRowTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, BenchRow.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, BenchRow.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(BenchRow.median(List.of())));
    }

    @Test
    void passComparesTheMedianWithTheTarget() {
        BenchRow fast = new BenchRow("a", "a", 0.5, "s", "<=", 1.0, List.of(0.5), "", "");
        BenchRow slow = new BenchRow("a", "a", 1.5, "s", "<=", 1.0, List.of(1.5), "", "");
        BenchRow rate = new BenchRow("b", "b", 3e6, "ops/s", ">=", 2e6, List.of(3e6), "", "");
        assertTrue(fast.pass());
        assertFalse(slow.pass());
        assertTrue(rate.pass());
        assertEquals(">= 2.000e+06", rate.target());
    }

    @Test
    void noTargetOrNoMeasurementHasNoVerdict() {
        assertNull(new BenchRow("a", "a", 1, "s", null, null, List.of(1.0), "", "").pass());
        assertNull(BenchRow.unavailable("a", "a", "s", "<=", 1.0, "not available").pass());
    }
}
