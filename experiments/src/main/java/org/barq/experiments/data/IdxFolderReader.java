package org.barq.experiments.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;

/**
 * Reads a folder of IDX files in MNIST's layout: one file each whose name starts with {@code train-images},
 * {@code train-labels}, {@code t10k-images} and {@code t10k-labels} (gzip or not, e.g.
 * {@code train-images-idx3-ubyte.gz} or {@code train-images.idx3-ubyte}). Pixels are unsigned bytes, so the
 * native scaling is 1/255. The checksum is {@link DataFile#combined} over the four files in that order.
 */
final class IdxFolderReader {
    /** The four roles, in checksum order. */
    static final List<String> PREFIXES = List.of("train-images", "train-labels", "t10k-images", "t10k-labels");
    private static final InputScaling PIXELS = InputScaling.uniform(1.0 / 255);

    private IdxFolderReader() {
    }

    /**
     * The shipped training and test parts.
     *
     * @param train the {@code train-*} files
     * @param test  the {@code t10k-*} files
     */
    record Parts(Dataset train, Dataset test) {
    }

    /**
     * @param dir  the folder
     * @param name the data set's name; the parts are named {@code name} and {@code name/test}
     * @param hint how to get the files, for the message when something is missing (a "Maybe ..." sentence)
     * @return the two parts
     * @throws InvalidInputException saying where barq looked when a file is missing, or what is wrong with a file
     */
    static Parts read(Path dir, String name, String hint) {
        Path where = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(where)) {
            throw new InvalidInputException("data set " + name + ": folder " + where + " does not exist. " + hint);
        }
        DataFile trainImages = DataFile.read(find(where, PREFIXES.get(0), name, hint));
        DataFile trainLabels = DataFile.read(find(where, PREFIXES.get(1), name, hint));
        DataFile testImages = DataFile.read(find(where, PREFIXES.get(2), name, hint));
        DataFile testLabels = DataFile.read(find(where, PREFIXES.get(3), name, hint));
        String checksum = DataFile.combined(List.of(trainImages, trainLabels, testImages, testLabels));
        IdxReader.Images trainX = IdxReader.images(trainImages);
        int[] trainY = IdxReader.labels(trainLabels);
        IdxReader.Images testX = IdxReader.images(testImages);
        int[] testY = IdxReader.labels(testLabels);
        requireCount(trainImages, trainX, trainLabels, trainY);
        requireCount(testImages, testX, testLabels, testY);
        if (trainX.rows() != testX.rows() || trainX.columns() != testX.columns()) {
            throw new InvalidInputException("data set " + name + ": training images are " + trainX.rows() + " x "
                    + trainX.columns() + " but test images are " + testX.rows() + " x " + testX.columns()
                    + ". Maybe the files come from different data sets?");
        }
        if (trainY.length == 0) {
            throw new InvalidInputException(trainImages.source() + " holds no images. Maybe it is damaged?");
        }
        int classes = Math.max(max(trainY), max(testY)) + 1;
        return new Parts(dataset(name, trainX, trainY, classes, checksum),
                dataset(name + "/test", testX, testY, classes, checksum));
    }

    private static Path find(Path dir, String prefix, String name, String hint) {
        List<Path> matches;
        try (Stream<Path> files = Files.list(dir)) {
            matches = files.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("data set " + name + ": cannot list " + dir + ": " + e + ". " + hint, e);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException("data set " + name + ": no " + prefix + "* file in " + dir
                    + " (barq looks for train-images, train-labels, t10k-images and t10k-labels IDX files, gzip or"
                    + " not). " + hint);
        }
        if (matches.size() > 1) {
            throw new InvalidInputException("data set " + name + ": several " + prefix + "* files in " + dir + ": "
                    + matches.stream().map(p -> p.getFileName().toString()).toList() + ". Maybe keep only one?");
        }
        return matches.get(0);
    }

    private static void requireCount(DataFile imagesFile, IdxReader.Images images, DataFile labelsFile, int[] labels) {
        if (images.count() != labels.length) {
            throw new InvalidInputException(imagesFile.source() + " holds " + images.count() + " images but "
                    + labelsFile.source() + " holds " + labels.length + " labels. Maybe the files come from"
                    + " different data sets?");
        }
    }

    private static Dataset dataset(String name, IdxReader.Images images, int[] labels, int classes, String checksum) {
        int d = images.pixels();
        if ((long) images.count() * d > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("data set " + name + " has " + images.count() + " images of " + d
                    + " pixels, more than barq holds in memory. Maybe use a smaller data set?");
        }
        float[] features = new float[images.count() * d];
        byte[] b = images.content();
        int offset = images.offset();
        for (int i = 0; i < features.length; i++) {
            features[i] = b[offset + i] & 0xff;
        }
        return new Dataset(name, features, labels, d, new SampleShape(1, images.rows(), images.columns()), classes,
                checksum, Optional.of(PIXELS));
    }

    private static int max(int[] values) {
        int m = -1;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
