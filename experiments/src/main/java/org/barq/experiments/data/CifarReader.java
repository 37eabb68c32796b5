package org.barq.experiments.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;

/**
 * Reads CIFAR-10's binary version: {@code data_batch_1.bin} to {@code data_batch_5.bin} (the training part, in that
 * order) and {@code test_batch.bin} (the shipped test part), gzip or not. Each record is a label byte 0..9 and 3072
 * pixel bytes, the red plane, then green, then blue, each 32 rows of 32: exactly the channel-major order of a
 * {@code 3x32x32} sample. The checksum is {@link DataFile#combined} over the six files in that order.
 */
final class CifarReader {
    /** Where the files come from, for the messages. */
    static final String SOURCE = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** The folder the archive unpacks to. */
    static final String FOLDER = "cifar-10-batches-bin";
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final SampleShape SHAPE = new SampleShape(3, 32, 32);
    private static final int RECORD = 1 + 3072;
    private static final int CLASSES = 10;
    private static final InputScaling PIXELS = InputScaling.uniform(1.0 / 255);

    private CifarReader() {
    }

    /**
     * @param dir  the folder holding the six files
     * @param name the data set's name; the parts are named {@code name} and {@code name/test}
     * @return the training and test parts
     * @throws InvalidInputException saying where barq looked when a file is missing, or what is wrong with a file
     */
    static IdxFolderReader.Parts read(Path dir, String name) {
        Path where = dir.toAbsolutePath().normalize();
        String hint = "Maybe download " + SOURCE + " and unpack it into the data folder, so that " + where
                + " holds data_batch_1.bin .. data_batch_5.bin and test_batch.bin (or pass --data-dir)?";
        if (!Files.isDirectory(where)) {
            throw new InvalidInputException("data set " + name + ": folder " + where + " does not exist. " + hint);
        }
        List<DataFile> files = new ArrayList<>();
        for (String file : TRAIN_FILES) {
            files.add(file(where.resolve(file), name, hint));
        }
        DataFile test = file(where.resolve(TEST_FILE), name, hint);
        files.add(test);
        String checksum = DataFile.combined(files);
        return new IdxFolderReader.Parts(records(files.subList(0, TRAIN_FILES.size()), name, checksum),
                records(List.of(test), name + "/test", checksum));
    }

    private static DataFile file(Path path, String name, String hint) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("data set " + name + ": file " + path + " does not exist. " + hint);
        }
        return DataFile.read(path);
    }

    private static Dataset records(List<DataFile> files, String name, String checksum) {
        long total = 0;
        for (DataFile f : files) {
            int length = f.content().length;
            if (length == 0 || length % RECORD != 0) {
                throw new InvalidInputException(f.source() + (length == 0 ? " is empty" : " is truncated: "
                        + length + " bytes, so record " + (length / RECORD + 1) + " is incomplete (each record is "
                        + RECORD + " bytes: a label and 3x32x32 pixels)") + ". Maybe download or unpack it again?");
            }
            total += length / RECORD;
        }
        if (total * SHAPE.size() > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("data set " + name + " has " + total + " images, more than barq holds in"
                    + " memory. Maybe use fewer batches?");
        }
        float[] features = new float[(int) total * SHAPE.size()];
        int[] labels = new int[(int) total];
        int sample = 0;
        for (DataFile f : files) {
            byte[] b = f.content();
            for (int r = 0; r < b.length / RECORD; r++, sample++) {
                int label = b[r * RECORD] & 0xff;
                if (label >= CLASSES) {
                    throw new InvalidInputException(f.source() + " record " + (r + 1) + " has label " + label
                            + ", outside CIFAR-10's 0..9. Maybe it is CIFAR-100 (whose records have two label"
                            + " bytes) or not a CIFAR file?");
                }
                labels[sample] = label;
                int base = sample * SHAPE.size();
                for (int k = 0; k < SHAPE.size(); k++) {
                    features[base + k] = b[r * RECORD + 1 + k] & 0xff;
                }
            }
        }
        return new Dataset(name, features, labels, SHAPE.size(), SHAPE, CLASSES, checksum, Optional.of(PIXELS));
    }
}
