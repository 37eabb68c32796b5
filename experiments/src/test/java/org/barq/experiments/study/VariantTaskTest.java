package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VariantTaskTest {
    /**
     * A coordinator of another barq version may send fields this build does not know: the task must still decode, so
     * that the member's version check refuses the study in one line rather than end the run with a decoding error.
     */
    @Test
    void aFieldOfAnotherVersionIsIgnoredWhenDecoding() {
        VariantTask task = VariantTask.decode(("{\"config\": \"bits: [4]\", \"variant\": \"b4/nearest\","
                + " \"provenance\": {\"version\": \"9.9\"}, \"a_future_field\": [1, 2]}").getBytes(StandardCharsets.UTF_8));
        assertEquals("b4/nearest", task.variant());
        assertEquals("9.9", task.provenance().get("version"));
        assertNull(task.pluginSources());
    }
}
