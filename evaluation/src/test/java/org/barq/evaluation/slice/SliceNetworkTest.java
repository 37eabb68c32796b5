package org.barq.evaluation.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.barq.api.InvalidInputException;
import org.barq.api.model.Network;
import org.barq.evaluation.TestModels;
import org.junit.jupiter.api.Test;

class SliceNetworkTest {
    /** The G x G x width first layer is one ND4J buffer; past 2 GB it failed inside ND4J (an internal error). */
    @Test
    void aSliceWhoseFirstLayerWouldPassTwoGigabytesIsRefusedInOneLine() {
        Network wide = Network.of(TestModels.random(0, 2, 3000, 2));
        SlicePlane plane = SlicePlane.fit(TestModels.cross(new int[] {0, 1, 0, 1}, 2), wide.scaling(), 1000, 3.0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SliceNetwork.of(wide).slice(plane));
        assertEquals("a slice of 1000 x 1000 cells through a first layer of 3000 units needs more than 2 GB in one"
                + " array. Maybe a slice grid of 200?", e.getMessage());
        SlicePlane small = SlicePlane.fit(TestModels.cross(new int[] {0, 1, 0, 1}, 2), wide.scaling(), 20, 3.0);
        assertEquals(20, SliceNetwork.of(wide).slice(small).grid());
    }
}
