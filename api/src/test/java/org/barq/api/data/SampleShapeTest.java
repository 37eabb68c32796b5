package org.barq.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class SampleShapeTest {
    @Test
    void parsesChannelsHeightAndWidth() {
        SampleShape s = SampleShape.parse("3, 32,32");
        assertEquals(new SampleShape(3, 32, 32), s);
        assertEquals(3072, s.size());
        assertTrue(s.isImage());
        assertEquals("3x32x32", s.toString());
        assertFalse(SampleShape.flat(64).isImage());
        assertEquals(64, SampleShape.flat(64).size());
    }

    @Test
    void badTextAndEmptyExtentsAreNamed() {
        for (String bad : new String[] {"3,32", "a,b,c", "1,28,28,1", ""}) {
            String m = assertThrows(InvalidInputException.class, () -> SampleShape.parse(bad)).getMessage();
            assertTrue(m.contains("'" + bad + "' is not C,H,W"), m);
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> SampleShape.parse("0,8,8")).getMessage()
                .contains("0x8x8 has an empty extent"));
        assertThrows(InvalidInputException.class, () -> new SampleShape(65536, 65536, 1));
    }
}
