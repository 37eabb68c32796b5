package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cifar10} on small batches written here (no copy of CIFAR-10 can be had on these machines). */
class CifarTest {
    private static final int RECORD = 3073;
    private static final int PER_BATCH = 7;
    private static final int TEST = 5;

    @TempDir
    Path dataDir;

    /** Record r of a file: label (first + r) % 10, pixel k = (first + r + k) % 256. */
    private static byte[] batch(int first, int records) {
        byte[] b = new byte[records * RECORD];
        for (int r = 0; r < records; r++) {
            b[r * RECORD] = (byte) ((first + r) % 10);
            for (int k = 0; k < 3072; k++) {
                b[r * RECORD + 1 + k] = (byte) ((first + r + k) % 256);
            }
        }
        return b;
    }

    private Path folder() throws IOException {
        return Files.createDirectories(dataDir.resolve("cifar-10-batches-bin"));
    }

    private void writeValid() throws IOException {
        Path dir = folder();
        for (int i = 1; i <= 5; i++) {
            byte[] b = batch(10 * i, PER_BATCH);
            Files.write(dir.resolve("data_batch_" + i + ".bin"), i == 2 ? IdxFolderTest.gzip(b) : b);
        }
        Files.write(dir.resolve("test_batch.bin"), batch(100, TEST));
    }

    private String error() {
        String m = assertThrows(InvalidInputException.class,
                () -> new DatasetResolver(dataDir).resolve("cifar10", SplitSpec.DEFAULT, 0)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void readsTheBatchesInOrderChannelMajorWithTheShippedTestPart() throws IOException {
        writeValid();
        Dataset whole = new DatasetResolver(dataDir).loadWhole("cifar10");
        assertEquals(5 * PER_BATCH + TEST, whole.size());
        assertEquals(new SampleShape(3, 32, 32), whole.shape());
        assertEquals(10, whole.classes());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 255)), whole.nativeScaling());
        // sample 8 is record 1 of data_batch_2 (first 20): label 21 % 10, green pixel (y 3, x 4) = (21 + 1024 + 100)
        assertEquals(1, whole.label(PER_BATCH + 1));
        assertEquals((21 + 1024 + 3 * 32 + 4) % 256, (int) whole.feature(PER_BATCH + 1, 1024 + 3 * 32 + 4));
        assertEquals(100 % 256, (int) whole.feature(5 * PER_BATCH, 0), "the test batch comes last");
        List<DataFile> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(DataFile.read(folder().resolve("data_batch_" + i + ".bin")));
        }
        files.add(DataFile.read(folder().resolve("test_batch.bin")));
        assertEquals(DataFile.combined(files), whole.checksum());

        Splits s = new DatasetResolver(dataDir).resolve("cifar10", SplitSpec.DEFAULT, 0);
        assertEquals(TEST, s.test().size());
        assertEquals("cifar10/test", s.test().name());
        assertEquals(5 * PER_BATCH, s.train().size() + s.calibration().size());
        assertEquals(new SampleShape(3, 32, 32), s.calibration().shape());
    }

    @Test
    void missingFolderOrFileSaysWhereBarqLookedAndWhereToGetTheFiles() throws IOException {
        String m = error();
        assertTrue(m.contains(dataDir.resolve("cifar-10-batches-bin").toAbsolutePath().normalize()
                + " does not exist") && m.contains(CifarReader.SOURCE), m);
        writeValid();
        Files.delete(folder().resolve("data_batch_4.bin"));
        assertTrue(error().contains("data_batch_4.bin does not exist"), error());
    }

    @Test
    void aTruncatedOrEmptyFileNamesTheFileAndTheIncompleteRecord() throws IOException {
        writeValid();
        byte[] b = batch(0, 3);
        Files.write(folder().resolve("data_batch_3.bin"), java.util.Arrays.copyOf(b, 2 * RECORD + 100));
        String m = error();
        assertTrue(m.contains("data_batch_3.bin is truncated: " + (2 * RECORD + 100) + " bytes, so record 3 is"
                + " incomplete"), m);
        Files.write(folder().resolve("data_batch_3.bin"), new byte[0]);
        assertTrue(error().contains("data_batch_3.bin is empty"), error());
    }

    @Test
    void aLabelOutsideZeroToNineNamesTheRecord() throws IOException {
        writeValid();
        byte[] b = batch(0, 4);
        b[2 * RECORD] = 42;
        Files.write(folder().resolve("test_batch.bin"), b);
        String m = error();
        assertTrue(m.contains("test_batch.bin record 3 has label 42, outside CIFAR-10's 0..9"), m);
    }
}
