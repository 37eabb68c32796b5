package org.barq.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A data set's sample shape: checked against its width, and kept by subsets and splits. */
class DatasetShapeTest {
    private static final SampleShape IMAGE = new SampleShape(2, 2, 3);

    /** 40 samples of 12 features, two classes. */
    private static Dataset images() {
        float[] f = new float[40 * 12];
        int[] y = new int[40];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        return new Dataset("img", f, y, 12, IMAGE, 2, "sum", Optional.empty());
    }

    @Test
    void aShapeThatDoesNotHoldTheFeatureCountIsRefusedNamingBoth() {
        String m = assertThrows(InvalidInputException.class, () -> new Dataset("x", new float[10], new int[1], 10,
                new SampleShape(1, 3, 3), 1, "", Optional.empty())).getMessage();
        assertTrue(m.contains("data set x has 10 features per sample but its shape 1x3x3 holds 9"), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void subsetsSplitsAndReshapingKeepOrSetTheShape() {
        Dataset all = images();
        assertEquals(IMAGE, all.subset(new int[] {3, 1}, "img/part").shape());
        Splits s = Splitter.split(all, SplitSpec.DEFAULT, 3);
        assertEquals(IMAGE, s.train().shape());
        assertEquals(IMAGE, s.calibration().shape());
        assertEquals(IMAGE, s.test().shape());
        Splits shipped = Splitter.splitWithTest(all, all.subset(new int[] {0, 1}, "img/test"), SplitSpec.DEFAULT, 3);
        assertEquals(IMAGE, shipped.calibration().shape());

        Dataset flat = all.withShape(SampleShape.flat(12));
        assertEquals(SampleShape.flat(12), flat.shape());
        assertSame(all.features(), flat.features(), "reshaping copies nothing");
        assertThrows(InvalidInputException.class, () -> all.withShape(new SampleShape(1, 3, 3)));
    }

    @Test
    void describeShowsAnImageShapeButNotAFlatOne() {
        assertEquals("img: 40 samples x 12 features (2x2x3), 2 classes", images().describe());
        assertEquals("img: 40 samples x 12 features, 2 classes", images().withShape(SampleShape.flat(12)).describe());
    }
}
