package org.barq.experiments.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class QuantilesTest {
    /** Expected values from numpy.quantile (method "linear"), see quantiles.py beside the CSV. */
    @ParameterizedTest
    @CsvFileSource(resources = "quantiles.csv", numLinesToSkip = 1)
    void agreesWithNumpy(String values, double q, double expected) {
        double[] v = Arrays.stream(values.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(expected, Quantiles.quantile(v, q), 1e-12 * Math.max(1.0, Math.abs(expected)));
    }

    @Test
    void leavesItsInputUnsortedAndHandlesTheEmptySample() {
        double[] v = {3, 1, 2};
        assertEquals(2.0, Quantiles.median(v));
        assertEquals(3.0, v[0]);
        assertTrue(Double.isNaN(Quantiles.median(new double[0])));
        assertThrows(InvalidInputException.class, () -> Quantiles.quantile(v, 1.1));
    }
}
