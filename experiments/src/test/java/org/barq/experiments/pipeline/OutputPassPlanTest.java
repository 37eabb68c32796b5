package org.barq.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputPassPlanTest {
    private static String hint(int samples, int cap) {
        String note = OutputPassPlan.smallCalibrationNote(samples, cap, "raise the cap", "give a file").orElseThrow();
        return note.substring(note.indexOf("0.46x at 12000). ") + "0.46x at 12000). ".length());
    }

    /** A larger cap is asked for only where the cap is what holds the split back, not the data set. */
    @Test
    void theHintNamesWhatHoldsTheCalibrationSplitBack() {
        assertEquals("Maybe raise the cap, or give a file?", hint(1280, 1280), "the split reached its cap");
        assertEquals("The data set gives no more. Maybe give a file?", hint(270, 1280),
                "digits' split is below even the default cap");
        assertEquals("The data set gives no more. Maybe give a file?", hint(270, 12000));
        assertEquals("Maybe give a file?", hint(1797, 0), "a file was given whole");
        assertEquals(Optional.empty(), OutputPassPlan.smallCalibrationNote(12000, 12000, "raise", "file"));
        assertTrue(OutputPassPlan.smallCalibrationNote(2048, 2048, "raise", "file").orElseThrow()
                .startsWith("note: the output pass fits 2048 calibration samples;"));
    }
}
