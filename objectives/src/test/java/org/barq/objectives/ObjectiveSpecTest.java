package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectiveSpecTest {

    @Test
    void defaultIsPureReconstructionOnSequentialInputs() {
        ObjectiveSpec d = ObjectiveSpec.DEFAULT;
        assertEquals(ObjectiveKind.RECONSTRUCTION, d.kind());
        assertEquals(0.0, d.lambda());
        assertEquals(0.2, d.band());
        assertEquals(0.5, d.gamma());
        assertEquals(InputsMode.SEQUENTIAL, d.inputs());
        assertFalse(d.hasSurrogate());
        assertFalse(d.weightsSurrogate());
    }

    @Test
    void surrogateIsWeightedOnlyWithAPositiveLambda() {
        assertTrue(new ObjectiveSpec(ObjectiveKind.GAP, 0, 0.2, 0.5, InputsMode.SEQUENTIAL).hasSurrogate());
        assertFalse(new ObjectiveSpec(ObjectiveKind.GAP, 0, 0.2, 0.5, InputsMode.SEQUENTIAL).weightsSurrogate());
        assertTrue(new ObjectiveSpec(ObjectiveKind.HINGE, 0.1, 0.2, 0, InputsMode.FLOAT).weightsSurrogate());
        assertFalse(new ObjectiveSpec(ObjectiveKind.RECONSTRUCTION, 3, 1, 1, InputsMode.FLOAT).weightsSurrogate());
    }

    @ParameterizedTest(name = "lambda={0} band={1} gamma={2}")
    @CsvSource({
        "-1, 0.2, 0.5, lambda -1.0",
        "NaN, 0.2, 0.5, lambda NaN",
        "Infinity, 0.2, 0.5, lambda Infinity",
        "0, 0, 0.5, beta 0.0",
        "0, 1.5, 0.5, beta 1.5",
        "0, NaN, 0.5, beta NaN",
        "0, 0.2, -0.1, gamma -0.1",
        "0, 0.2, 1.01, gamma 1.01",
    })
    void rejectsValuesOutOfRangeWithOneLine(double lambda, double band, double gamma, String named) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ObjectiveSpec(ObjectiveKind.GAP, lambda, band, gamma, InputsMode.SEQUENTIAL));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(e.getMessage().contains("Maybe"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void rejectsMissingKindAndInputs() {
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new ObjectiveSpec(null, 0, 0.2, 0.5, InputsMode.SEQUENTIAL)).getMessage().contains("hinge"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new ObjectiveSpec(ObjectiveKind.GAP, 0, 0.2, 0.5, null)).getMessage().contains("sequential"));
    }

    @Test
    void parsesIdsAndListsTheChoices() {
        for (ObjectiveKind k : ObjectiveKind.values()) {
            assertEquals(k, ObjectiveKind.parse(k.id()));
        }
        for (InputsMode m : InputsMode.values()) {
            assertEquals(m, InputsMode.parse(m.id()));
        }
        assertEquals("unknown objective 'Gap'. Maybe one of: reconstruction, gap, hinge?",
                assertThrows(InvalidInputException.class, () -> ObjectiveKind.parse("Gap")).getMessage());
        assertEquals("unknown inputs mode 'fp32'. Maybe one of: sequential, float?",
                assertThrows(InvalidInputException.class, () -> InputsMode.parse("fp32")).getMessage());
    }
}
