package org.barq.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idx:DIR} on small IDX files written here: the happy path and every check of the reader. */
class IdxFolderTest {
    @TempDir
    Path dir;

    private static final int TRAIN = 12;
    private static final int TEST = 4;

    static byte[] images(int magic, int n, int rows, int columns, int pixelsWritten) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixelsWritten);
        b.putInt(magic).putInt(n).putInt(rows).putInt(columns);
        for (int i = 0; i < pixelsWritten; i++) {
            b.put((byte) (i * 37 + 11));
        }
        return b.array();
    }

    static byte[] labels(int magic, int n, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(magic).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % classes));
        }
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** A valid set: train images gzip with the standard names, the rest plain with Kaggle-style names. */
    private void writeValid() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(0x803, TRAIN, 2, 3, TRAIN * 6)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(0x801, TRAIN, 3)));
        Files.write(dir.resolve("t10k-images.idx3-ubyte"), images(0x803, TEST, 2, 3, TEST * 6));
        Files.write(dir.resolve("t10k-labels.idx1-ubyte"), labels(0x801, TEST, 3));
    }

    private String spec() {
        return "idx:" + dir;
    }

    private InvalidInputException failure() {
        return assertThrows(InvalidInputException.class, () -> new DatasetResolver(dir).loadWhole(spec()));
    }

    @Test
    void readsGzipAndPlainFilesWithTheirChecksum() throws IOException {
        writeValid();
        DatasetResolver resolver = new DatasetResolver(Path.of("unused"));
        Splits s = resolver.resolve(spec(), new SplitSpec(0.25, 0.25, 100), 5);
        assertEquals(TEST, s.test().size());
        assertEquals(TRAIN, s.train().size() + s.calibration().size());
        assertEquals(3, s.calibration().size());
        assertEquals(6, s.test().dimension());
        assertEquals(new SampleShape(1, 2, 3), s.test().shape(), "1 x rows x columns from the IDX header");
        assertEquals(new SampleShape(1, 2, 3), s.calibration().shape());
        assertEquals(3, s.test().classes());
        assertEquals(Optional.of(InputScaling.uniform(1.0 / 255)), s.test().nativeScaling());
        assertEquals(11f, s.test().feature(0, 0));
        assertEquals((byte) (37 + 11) & 0xff, (int) s.test().feature(0, 1));
        assertArrayEquals(new int[] {0, 1, 2, 0}, s.test().labelArray());

        String expected = DataFile.sha256((sha("train-images-idx3-ubyte.gz") + sha("train-labels-idx1-ubyte.gz")
                + sha("t10k-images.idx3-ubyte") + sha("t10k-labels.idx1-ubyte")).getBytes(StandardCharsets.US_ASCII));
        assertEquals(expected, s.test().checksum());

        Dataset whole = resolver.loadWhole(spec());
        assertEquals(TRAIN + TEST, whole.size());
        assertEquals(new SampleShape(1, 2, 3), whole.shape());
        assertEquals(s.test().feature(3, 5), whole.feature(TRAIN + 3, 5));
    }

    private String sha(String file) throws IOException {
        return DataFile.sha256(Files.readAllBytes(dir.resolve(file)));
    }

    @Test
    void swappedImagesAndLabelsAreNamedByTheirMagicNumber() throws IOException {
        writeValid();
        Files.write(dir.resolve("t10k-images.idx3-ubyte"), labels(0x801, TEST, 3));
        InvalidInputException e = failure();
        assertTrue(e.getMessage().contains("t10k-images.idx3-ubyte: magic number 0x00000801 is not that of IDX images"
                + " (0x00000803)") && e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void foreignMagicNumberIsRejected() throws IOException {
        writeValid();
        Files.write(dir.resolve("t10k-labels.idx1-ubyte"), labels(0x0D01, TEST, 3));
        assertTrue(failure().getMessage().contains("magic number 0x00000d01 is not that of IDX labels (0x00000801)"));
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        writeValid();
        Files.write(dir.resolve("t10k-labels.idx1-ubyte"), labels(0x801, TEST - 1, 3));
        InvalidInputException e = failure();
        assertTrue(e.getMessage().contains("holds " + TEST + " images but") && e.getMessage().contains("holds "
                + (TEST - 1) + " labels"), e.getMessage());
    }

    @Test
    void truncatedImageFileIsNamed() throws IOException {
        writeValid();
        Files.write(dir.resolve("t10k-images.idx3-ubyte"), images(0x803, TEST, 2, 3, TEST * 6 - 5));
        InvalidInputException e = failure();
        assertTrue(e.getMessage().contains("t10k-images.idx3-ubyte is truncated: its header promises 4 images of 2 x 3"
                + " (40 bytes) but it holds 35 bytes"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndExtraBytesAreRejected() throws IOException {
        writeValid();
        Files.write(dir.resolve("t10k-labels.idx1-ubyte"), new byte[] {0, 0, 8, 1, 0});
        assertTrue(failure().getMessage().contains("shorter than its 8-byte IDX header"));
        Files.write(dir.resolve("t10k-labels.idx1-ubyte"), Arrays.copyOf(labels(0x801, TEST, 3), 8 + TEST + 2));
        assertTrue(failure().getMessage().contains("has extra bytes"));
    }

    @Test
    void truncatedGzipIsRejected() throws IOException {
        writeValid();
        byte[] gz = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length - 12));
        assertTrue(failure().getMessage().contains("damaged or truncated gzip"));
    }

    @Test
    void trainAndTestImageSizesMustAgree() throws IOException {
        writeValid();
        Files.write(dir.resolve("t10k-images.idx3-ubyte"), images(0x803, TEST, 3, 2, TEST * 6));
        assertTrue(failure().getMessage().contains("training images are 2 x 3 but test images are 3 x 2"));
    }

    @Test
    void missingOrAmbiguousFilesAreNamed() throws IOException {
        writeValid();
        Files.delete(dir.resolve("t10k-labels.idx1-ubyte"));
        InvalidInputException e = failure();
        assertTrue(e.getMessage().contains("no t10k-labels* file in " + dir.toAbsolutePath().normalize()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        writeValid();
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(0x801, TEST, 3)));
        assertTrue(failure().getMessage().contains("several t10k-labels* files"));
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("nowhere");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DatasetResolver(dir).loadWhole("idx:" + missing));
        assertTrue(e.getMessage().contains("folder " + missing.toAbsolutePath().normalize() + " does not exist"),
                e.getMessage());
    }
}
