package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving specs to data, on the embedded digits and on small files written here; no file outside the test. */
class DatasetResolverTest {
    @TempDir
    Path tmp;

    /** The SHA-256 of {@code digits/digits.csv.gz} in the shared data folder's SHA256SUMS. */
    static final String DIGITS_SHA256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";

    private DatasetResolver resolver;

    @BeforeEach
    void resolverOverAnEmptyDataDir() {
        resolver = new DatasetResolver(tmp);
    }

    @Test
    void digitsAreEmbeddedWithTheChecksumOfTheSharedFile() {
        Dataset digits = resolver.loadWhole("digits");
        assertEquals(1797, digits.size());
        assertEquals(64, digits.dimension());
        assertEquals(new SampleShape(1, 8, 8), digits.shape());
        assertEquals(10, digits.classes());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 16)), digits.nativeScaling());
        assertEquals(DIGITS_SHA256, digits.checksum());
        // The first row of the file: 0,0,5,13,9,1,0,0, ... label 0.
        assertEquals(5f, digits.feature(0, 2));
        assertEquals(13f, digits.feature(0, 3));
        assertEquals(0, digits.label(0));
        assertEquals(1, digits.label(1));
    }

    @Test
    void digitsDefaultSplitHas450Test270CalibrationAnd1077Train() {
        Splits s = resolver.resolve("digits", SplitSpec.DEFAULT, 0);
        assertEquals(450, s.test().size());
        assertEquals(270, s.calibration().size());
        assertEquals(1077, s.train().size());
        assertEquals(new SampleShape(1, 8, 8), s.test().shape());
        assertEquals(new SampleShape(1, 8, 8), s.calibration().shape());
        assertEquals("digits/train", s.train().name());
        assertEquals(s.train().checksum(), s.test().checksum());
    }

    @Test
    void digitsSplitsPartitionTheSetAndAreStratified() {
        Dataset all = resolver.loadWhole("digits");
        Splits s = resolver.resolve("digits", SplitSpec.DEFAULT, 42);
        List<String> parts = new ArrayList<>();
        parts.addAll(rows(s.train()));
        parts.addAll(rows(s.calibration()));
        parts.addAll(rows(s.test()));
        List<String> whole = rows(all);
        Collections.sort(parts);
        Collections.sort(whole);
        assertEquals(whole, parts, "train + calibration + test must be exactly the whole set");
        for (int c = 0; c < 10; c++) {
            int n = all.classCounts().get(c);
            int test = s.test().classCounts().get(c);
            int calibration = s.calibration().classCounts().get(c);
            assertTrue(Math.abs(test - 0.25 * n) <= 1, "class " + c + " test " + test + " of " + n);
            assertTrue(Math.abs(calibration - 0.2 * (n - test)) <= 1, "class " + c + " calibration " + calibration);
        }
    }

    @Test
    void splitsAreDeterministicPerSeedAndDifferAcrossSeeds() {
        Splits a = resolver.resolve("digits", SplitSpec.DEFAULT, 7);
        Splits b = resolver.resolve("digits", SplitSpec.DEFAULT, 7);
        Splits c = resolver.resolve("digits", SplitSpec.DEFAULT, 8);
        assertArrayEquals(a.test().features(), b.test().features());
        assertArrayEquals(a.calibration().labelArray(), b.calibration().labelArray());
        assertArrayEquals(a.train().features(), b.train().features());
        assertFalse(Arrays.equals(a.test().features(), c.test().features()));
        assertFalse(Arrays.equals(a.calibration().features(), c.calibration().features()));
    }

    @Test
    void mnistIsReadFromItsFolderUnderTheDataDirWithItsShippedTestPart() throws IOException {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte.gz"), IdxFolderTest.gzip(IdxFolderTest.images(0x803, 50,
                2, 2, 200)));
        Files.write(mnist.resolve("train-labels-idx1-ubyte.gz"), IdxFolderTest.gzip(IdxFolderTest.labels(0x801, 50,
                5)));
        Files.write(mnist.resolve("t10k-images-idx3-ubyte.gz"), IdxFolderTest.gzip(IdxFolderTest.images(0x803, 10,
                2, 2, 40)));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte.gz"), IdxFolderTest.gzip(IdxFolderTest.labels(0x801, 10,
                5)));
        Splits s = resolver.resolve("mnist", SplitSpec.DEFAULT, 1);
        assertEquals(10, s.test().size());
        assertEquals(50, s.train().size() + s.calibration().size());
        assertEquals("mnist/test", s.test().name());
        assertEquals(new SampleShape(1, 2, 2), s.test().shape());
        assertEquals(new SampleShape(1, 2, 2), s.train().shape());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 255)), s.test().nativeScaling());
        assertEquals(s.test().checksum(), s.train().checksum());
    }

    @Test
    void missingMnistFolderSaysWhereBarqLookedAndHowToGetTheFiles() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DatasetResolver(tmp).resolve("mnist", SplitSpec.DEFAULT, 0));
        String expectedDir = tmp.resolve("mnist").toAbsolutePath().normalize().toString();
        assertTrue(e.getMessage().contains("folder " + expectedDir + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("copy the MNIST IDX files") && e.getMessage().contains("--data-dir"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        InvalidInputException f = assertThrows(InvalidInputException.class,
                () -> new DatasetResolver(tmp).loadWhole("fashion-mnist"));
        assertTrue(f.getMessage().contains(tmp.resolve("fashion-mnist").toAbsolutePath().normalize().toString()),
                f.getMessage());
    }

    @Test
    void unknownNamesListTheChoices() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolver.loadWhole("cifar100"));
        assertTrue(e.getMessage().contains("'cifar100'") && e.getMessage().contains(DatasetSpec.CHOICES), e.getMessage());
        assertThrows(InvalidInputException.class, () -> DatasetSpec.parse("csv:"));
    }

    @Test
    void dataDirDefaultsToBarqDataElseData() {
        assertEquals(Path.of("data"), DatasetResolver.defaultDataDir(null));
        assertEquals(Path.of("data"), DatasetResolver.defaultDataDir("  "));
        assertEquals(Path.of("/srv/barq"), DatasetResolver.defaultDataDir("/srv/barq"));
    }

    private static List<String> rows(Dataset d) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            float[] row = Arrays.copyOfRange(d.features(), i * d.dimension(), (i + 1) * d.dimension());
            rows.add(Arrays.toString(row) + ":" + d.label(i));
        }
        return rows;
    }
}
