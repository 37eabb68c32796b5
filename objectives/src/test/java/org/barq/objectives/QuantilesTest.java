package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Quantiles against numpy's default method (FORMULATION §8); quantiles.csv is written by quantiles.py. */
class QuantilesTest {

    @ParameterizedTest(name = "q={1} of {3}-sample band")
    @CsvFileSource(resources = "quantiles.csv", numLinesToSkip = 1, maxCharsPerColumn = 100_000)
    void matchesNumpyToTheBit(String values, double q, double threshold, int band) {
        double[] v = Arrays.stream(values.split(" ")).mapToDouble(Double::parseDouble).toArray();
        double actual = Quantiles.linear(v, q);
        assertEquals(threshold, actual, 0.0);
        assertEquals(band, Arrays.stream(v).filter(m -> m <= actual).count());
    }

    @Test
    void rejectsNoValuesAndQuantilesOutsideTheUnitInterval() {
        assertTrue(Double.isNaN(Quantiles.linear(new double[0], 0.5)), "no values, no quantile");
        assertEquals(2.0, Quantiles.median(new double[] {3, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.linear(new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.linear(new double[] {1}, Double.NaN));
    }

    @Test
    void doesNotReorderItsInput() {
        double[] v = {3, 1, 2};
        Quantiles.linear(v, 0.5);
        assertEquals(3, v[0]);
    }
}
