package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csv:PATH}: the header rule and every error naming the file, line and column. */
class CsvDatasetTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Dataset load(Path file) {
        return new DatasetResolver(dir).loadWhole("csv:" + file);
    }

    private String error(Path file) {
        String message = assertThrows(InvalidInputException.class, () -> load(file)).getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    @Test
    void nonNumericFirstLineIsAHeaderAndIsSkipped() throws IOException {
        Dataset d = load(write("h.csv", "4,2,yes,no\r\n1.5,-2,1\r\n\r\n0,3e2,0\r\n.5,7,1\r\n2,2,0\n"));
        assertEquals(4, d.size());
        assertEquals(2, d.dimension());
        assertEquals(SampleShape.flat(2), d.shape());
        assertEquals(2, d.classes());
        assertArrayEquals(new float[] {1.5f, -2f, 0f, 300f, 0.5f, 7f, 2f, 2f}, d.features());
        assertArrayEquals(new int[] {1, 0, 1, 0}, d.labelArray());
        assertEquals("csv:" + dir.resolve("h.csv"), d.name());
        assertEquals(DataFile.sha256(Files.readAllBytes(dir.resolve("h.csv"))), d.checksum());
        assertTrue(d.nativeScaling().isEmpty());
    }

    @Test
    void allNumericFirstLineIsData() throws IOException {
        Dataset d = load(write("n.csv", "569,30,1\n1,2,0\n"));
        assertEquals(2, d.size());
        assertEquals(569f, d.feature(0, 0));
    }

    @Test
    void gzipCsvAndIntegralFloatLabelsAreRead() throws IOException {
        Path gz = dir.resolve("g.csv.gz");
        Files.write(gz, IdxFolderTest.gzip(" 1 , 2 , 3.0 \n4,5,0\n".getBytes(StandardCharsets.UTF_8)));
        Dataset d = load(gz);
        assertArrayEquals(new int[] {3, 0}, d.labelArray());
        assertEquals(4, d.classes());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path f = write("bad.csv", "a,b,label\n1,2,0\n3,x7,1\n");
        String m = error(f);
        assertTrue(m.startsWith(f.toString() + " line 3 column 2: 'x7' is not a number"), m);
    }

    @Test
    void secondHeaderLineIsNotSkipped() throws IOException {
        Path f = write("two.csv", "a,b,label\nfeature1,feature2,label\n1,2,0\n");
        assertTrue(error(f).contains("line 2 column 1: 'feature1' is not a number"));
    }

    @Test
    void wrongColumnCountNamesTheLine() throws IOException {
        Path f = write("cols.csv", "1,2,0\n3,4,1\n5,1\n");
        String m = error(f);
        assertTrue(m.startsWith(f + " line 3 has 2 columns but line 1 has 3"), m);
    }

    @Test
    void badLabelsAreRejected() throws IOException {
        assertTrue(error(write("l1.csv", "1,2,0.5\n")).contains("line 1 column 3: label '0.5' is not an integer"));
        assertTrue(error(write("l2.csv", "1,2,-1\n")).contains("label '-1'"));
        assertTrue(error(write("l3.csv", "1,2,cat\n1,2,dog\n")).contains("line 2 column 3: label 'dog'"));
    }

    @Test
    void nonFiniteValuesAreRejected() throws IOException {
        assertTrue(error(write("inf.csv", "1e99,2,0\n")).contains("column 1: 1e99 is too large"));
        assertTrue(error(write("nan.csv", "0,0,0\nNaN,2,0\n")).contains("line 2 column 1: 'NaN' is not a finite"));
        assertTrue(error(write("ninf.csv", "0,0,0\n1,-inf,0\n")).contains("line 2 column 2: '-inf' is not a finite"));
    }

    /** The reported bug: a first row with a missing value was taken for a header and dropped without a word. */
    @Test
    void aFirstRowWithANonFiniteCellIsRefusedNotTakenForAHeader() throws IOException {
        StringBuilder rows = new StringBuilder("nan,0.5,1\n");
        for (int i = 1; i < 20; i++) {
            rows.append(i).append(",0.5,").append(i % 2).append('\n');
        }
        Path f = write("first.csv", rows.toString());
        String m = error(f);
        assertTrue(m.startsWith(f + " line 1 column 1: 'nan' is not a finite number"), m);
        assertTrue(error(write("na.csv", "1,NA,0\n2,3,1\n")).contains("line 1 column 2: 'NA' is not a finite"));
        assertTrue(error(write("word.csv", "1,abc,0\n2,3,1\n")).contains("line 1 column 2: 'abc' is not a number"));
        assertTrue(error(write("label.csv", "1,2,nan\n2,3,1\n")).contains("line 1 column 3: label 'nan'"));
    }

    @Test
    void aShortFirstDataRowAfterTheHeaderIsNamed() throws IOException {
        Path f = write("short.csv", "x1,x2,label\n1,2\n1,2,0\n");
        assertTrue(error(f).startsWith(f + " line 3 has 3 columns but line 2 has 2"), error(f));
    }

    @Test
    void emptyOrSingleColumnFilesAreRejected() throws IOException {
        assertTrue(error(write("empty.csv", "x,y,label\n\n")).contains("holds no data rows"));
        assertTrue(error(write("one.csv", "1\n2\n")).contains("line 1 has 1 column"));
    }

    /** A file of one label trained to loss 0; quantize's band then failed as an internal error. */
    @Test
    void aFileWithASingleLabelIsRefused() throws IOException {
        Path zeros = write("zeros.csv", "x,y,label\n1,2,0\n3,4,0\n5,6,0\n");
        assertEquals(zeros + " has label 0 on all 3 rows, and barq needs at least 2 classes to tell apart. Maybe the"
                + " label is not the last column, or the file holds only part of the data set?", error(zeros));
        assertTrue(error(write("threes.csv", "1,2,3\n3,4,3\n")).contains("has label 3 on all 2 rows"));
        assertTrue(error(write("single.csv", "1,2,1\n")).contains("has label 1 on all 1 rows"));
        assertEquals(2, load(write("two.csv", "1,2,1\n3,4,1\n5,6,0\n")).classes());
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("missing.csv");
        String m = error(missing);
        assertTrue(m.contains(missing.toAbsolutePath().normalize() + " does not exist"), m);
    }
}
