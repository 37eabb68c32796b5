package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetResolverTest {
    @TempDir
    Path tmp;

    private final DatasetResolver resolver = new DatasetResolver(SharedData.dir());

    @Test
    void digitsAreEmbeddedWithTheChecksumOfTheSharedFile() {
        Dataset digits = new DatasetResolver(tmp).loadWhole("digits");
        assertEquals(1797, digits.size());
        assertEquals(64, digits.dimension());
        assertEquals(10, digits.classes());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 16)), digits.nativeScaling());
        assertEquals(SharedData.sums().get("digits/digits.csv.gz"), digits.checksum());
        assertTrue(digits.checksum().startsWith("46abec6b"));
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
    void tabularCsvFilesLoadWithTheirHeaderSkipped() {
        Path tabular = SharedData.dir().resolve("tabular");
        Dataset cancer = resolver.loadWhole("csv:" + tabular.resolve("breast_cancer.csv"));
        assertEquals(569, cancer.size());
        assertEquals(30, cancer.dimension());
        assertEquals(2, cancer.classes());
        assertEquals(17.99f, cancer.feature(0, 0));
        assertEquals(Optional.empty(), cancer.nativeScaling());
        assertEquals(SharedData.sums().get("tabular/breast_cancer.csv"), cancer.checksum());

        Splits wine = resolver.resolve("csv:" + tabular.resolve("wine_data.csv"), SplitSpec.DEFAULT, 3);
        assertEquals(45, wine.test().size());
        assertEquals(27, wine.calibration().size());
        assertEquals(106, wine.train().size());
        assertEquals(13, wine.train().dimension());
        assertEquals(3, wine.train().classes());
        assertEquals(SharedData.sums().get("tabular/wine_data.csv"), wine.train().checksum());
    }

    @Test
    void mnistLoadsFromIdxFilesWithItsShippedTestPart() {
        Splits s = resolver.resolve("mnist", SplitSpec.DEFAULT, 1);
        assertEquals(10_000, s.test().size());
        assertEquals(60_000, s.train().size() + s.calibration().size());
        assertEquals(1280, s.calibration().size());
        assertEquals(784, s.train().dimension());
        assertEquals(10, s.test().classes());
        assertEquals("mnist/test", s.test().name());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 255)), s.test().nativeScaling());
        assertEquals(7, s.test().label(0), "the first t10k digit is a 7");
        float max = 0;
        for (float v : s.test().features()) {
            assertTrue(v >= 0 && v <= 255);
            max = Math.max(max, v);
        }
        assertEquals(255f, max);
        Map<String, String> sums = SharedData.sums();
        String concatenated = sums.get("mnist/train-images-idx3-ubyte.gz") + sums.get("mnist/train-labels-idx1-ubyte.gz")
                + sums.get("mnist/t10k-images-idx3-ubyte.gz") + sums.get("mnist/t10k-labels-idx1-ubyte.gz");
        assertEquals(DataFile.sha256(concatenated.getBytes(StandardCharsets.US_ASCII)), s.test().checksum());
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
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> resolver.loadWhole("cifar10"));
        assertTrue(e.getMessage().contains("'cifar10'") && e.getMessage().contains(DatasetSpec.CHOICES), e.getMessage());
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
