package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.barq.api.data.Dataset;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.junit.jupiter.api.Test;

/** The loaders on the real files, checked against their SHA256SUMS: opt-in ({@code mvn -B verify -Preal-data}). */
@RealData
class RealDataTest {
    private final DatasetResolver resolver = new DatasetResolver(SharedData.dir());

    @Test
    void theEmbeddedDigitsAreTheSharedFile() {
        assertEquals(SharedData.sums().get("digits/digits.csv.gz"), DatasetResolverTest.DIGITS_SHA256);
        Dataset shared = resolver.loadWhole("csv:" + SharedData.dir().resolve("digits/digits.csv.gz"));
        Dataset embedded = resolver.loadWhole("digits");
        assertEquals(embedded.checksum(), shared.checksum());
        assertEquals(embedded.size(), shared.size());
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
        assertEquals(combinedSum("mnist"), s.test().checksum());
        assertEquals(s.test().checksum(), s.train().checksum());
    }

    @Test
    void fashionMnistLoadsWithItsSixThousandTrainingImagesPerClass() {
        Splits s = resolver.resolve("fashion-mnist", SplitSpec.DEFAULT, 0);
        assertEquals(10_000, s.test().size());
        assertEquals(60_000, s.train().size() + s.calibration().size());
        assertEquals(784, s.test().dimension());
        assertEquals(10, s.test().classes());
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, s.test().classCounts().get(c), "class " + c);
        }
        assertEquals(combinedSum("fashion-mnist"), s.test().checksum());
    }

    private static String combinedSum(String folder) {
        Map<String, String> sums = SharedData.sums();
        StringBuilder concatenated = new StringBuilder();
        for (String part : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            concatenated.append(sums.get(folder + "/" + part));
        }
        return DataFile.sha256(concatenated.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
