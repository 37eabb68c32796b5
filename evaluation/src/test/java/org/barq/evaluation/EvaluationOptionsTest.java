package org.barq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class EvaluationOptionsTest {
    @Test
    void defaultsAreThoseOfTheFormulation() {
        EvaluationOptions o = EvaluationOptions.DEFAULTS;
        assertEquals(0.2, o.beta());
        assertEquals(200, o.sliceGrid());
        assertEquals(3.0, o.sliceRange());
        assertEquals(20, o.interpolationSteps());
    }

    @Test
    void rejectsValuesOutsideTheirRangeWithOneLine() {
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withBeta(0.0));
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withBeta(1.5));
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withBeta(Double.NaN));
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withSliceGrid(1));
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withInterpolationSteps(0));
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withSliceGrid(1001));
        assertThrows(InvalidInputException.class, () -> EvaluationOptions.DEFAULTS.withInterpolationSteps(201));
        assertEquals(1000, EvaluationOptions.DEFAULTS.withSliceGrid(1000).sliceGrid());
        assertEquals(200, EvaluationOptions.DEFAULTS.withInterpolationSteps(200).interpolationSteps());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new EvaluationOptions(0.2, 200, -1, 20));
        assertTrue(e.getMessage().contains("-1.0") && e.getMessage().contains("Maybe") && !e.getMessage().contains("\n"));
        assertEquals(1.0, EvaluationOptions.DEFAULTS.withBeta(1.0).beta());
    }
}
