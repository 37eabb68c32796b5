package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A given input shape: set on CSV sets, checked against the shape a named set knows. */
class InputShapeTest {
    private static final SampleShape TWO_BY_TWO = new SampleShape(1, 2, 2);

    @TempDir
    Path dir;

    /** 40 rows of {@code features} features and a label of 0 or 1. */
    private String csv(int features) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < features; j++) {
                rows.append(i + j).append(',');
            }
            rows.append(i % 2).append('\n');
        }
        return "csv:" + Files.writeString(dir.resolve("x" + features + ".csv"), rows);
    }

    private DatasetResolver shaped(SampleShape shape) {
        return new DatasetResolver(dir).withInputShape(shape, "--input-shape");
    }

    private static String error(Runnable r) {
        String m = assertThrows(InvalidInputException.class, r::run).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void aCsvSetTakesTheGivenShapeWholeAndInEverySplit() throws IOException {
        String spec = csv(4);
        assertEquals(TWO_BY_TWO, shaped(TWO_BY_TWO).loadWhole(spec).shape());
        Splits s = shaped(TWO_BY_TWO).resolve(spec, SplitSpec.DEFAULT, 0);
        assertEquals(TWO_BY_TWO, s.train().shape());
        assertEquals(TWO_BY_TWO, s.calibration().shape());
        assertEquals(TWO_BY_TWO, s.test().shape());
        assertEquals(SampleShape.flat(4), new DatasetResolver(dir).loadWhole(spec).shape(), "flat when not given");
    }

    @Test
    void aShapeThatDoesNotHoldTheCsvFeaturesNamesBothNumbers() throws IOException {
        String spec = csv(5);
        String m = error(() -> shaped(TWO_BY_TWO).loadWhole(spec));
        assertTrue(m.startsWith("data set " + spec + " has 5 features per sample but --input-shape 1x2x2 holds 4."
                + " Maybe give a C,H,W whose product is 5?"), m);
        assertTrue(error(() -> shaped(TWO_BY_TWO).resolve(spec, SplitSpec.DEFAULT, 0)).contains("holds 4"));
    }

    @Test
    void aNamedSetAcceptsItsOwnShapeAndRefusesAnother() {
        Dataset digits = shaped(new SampleShape(1, 8, 8)).loadWhole("digits");
        assertEquals(new SampleShape(1, 8, 8), digits.shape());
        String m = error(() -> shaped(new SampleShape(1, 4, 16)).resolve("digits", SplitSpec.DEFAULT, 0));
        assertEquals("data set digits is 1x8x8 per sample, not the 1x4x16 that --input-shape gives. Maybe leave"
                + " --input-shape out?", m);
        assertTrue(error(() -> shaped(SampleShape.flat(64)).loadWhole("digits")).contains("not the 64x1x1"));
    }

    @Test
    void aSetWithAShippedTestPartIsCheckedToo() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxFolderTest.images(0x803, 20, 2, 2, 80));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFolderTest.labels(0x801, 20, 2));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFolderTest.images(0x803, 4, 2, 2, 16));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFolderTest.labels(0x801, 4, 2));
        String spec = "idx:" + dir;
        assertEquals(TWO_BY_TWO, shaped(TWO_BY_TWO).resolve(spec, SplitSpec.DEFAULT, 0).test().shape());
        DatasetResolver other = new DatasetResolver(dir).withInputShape(new SampleShape(4, 1, 1), "input_shape");
        assertTrue(error(() -> other.resolve(spec, SplitSpec.DEFAULT, 0)).endsWith("is 1x2x2 per sample, not the"
                + " 4x1x1 that input_shape gives. Maybe leave input_shape out?"));
    }
}
