package org.barq.experiments.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;

/**
 * Reads a CSV of raw features with the integer label in the last column, comma separated, no quoting.
 *
 * <p>Header rule: only the first non-blank line may be a header, and it is one exactly when its last cell, where a
 * data row holds its label, is a word: neither a decimal number nor a spelling of NaN or infinity. So sklearn's
 * {@code 569,30,malignant,benign} and {@code x1,x2,label} are skipped, while a first row with a bad feature
 * ({@code nan,0.3,1}) is data and refused like any other row: a row is never dropped because one of its cells is bad.
 * Blank lines are ignored, cells are trimmed, a UTF-8 byte-order mark is dropped. Every data line must have as many
 * columns as the first; features must be finite decimal numbers; labels are non-negative integers (an integral value
 * such as {@code 3.0} is accepted), and at least two of them must differ. The number of classes is the largest
 * label + 1.
 */
final class CsvDatasetReader {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
    /** How numpy, pandas, R and Java write missing and infinite values: numbers that are not finite, not words. */
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?(?:nan|inf|infinity|na|n/a)",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_LABEL = 65_535;

    private CsvDatasetReader() {
    }

    /**
     * @param file     the file's content and checksum
     * @param name     the data set's name
     * @param scaling  the data set's own scaling, or empty for min-max from training
     * @return the samples
     * @throws InvalidInputException naming the file, line and column of the first bad cell or row
     */
    static Dataset read(DataFile file, String name, Optional<InputScaling> scaling) {
        String source = file.source();
        float[] features = new float[1024];
        int[] labels = new int[64];
        int rows = 0;
        int columns = -1;
        int firstDataLine = -1;
        int maxLabel = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file.content()),
                StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (first) {
                    first = false;
                    if (isHeader(cells)) {
                        continue;
                    }
                }
                if (columns < 0) {
                    columns = cells.length;
                    firstDataLine = lineNumber;
                    if (columns < 2) {
                        throw new InvalidInputException(source + " line " + lineNumber + " has " + columns
                                + " column; barq needs features and a label. Maybe the separator is not ','?");
                    }
                } else if (cells.length != columns) {
                    throw new InvalidInputException(source + " line " + lineNumber + " has " + cells.length
                            + " columns but line " + firstDataLine + " has " + columns
                            + ". Maybe a cell is missing or a value contains a comma?");
                }
                int d = columns - 1;
                if ((long) (rows + 1) * d > Integer.MAX_VALUE - 16) {
                    throw new InvalidInputException(source + " is too large for barq (" + rows + " rows of " + d
                            + " features). Maybe use fewer samples?");
                }
                if (features.length < (rows + 1) * d) {
                    features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 16L,
                            Math.max((long) (rows + 1) * d, 2L * features.length)));
                }
                if (labels.length == rows) {
                    labels = Arrays.copyOf(labels, 2 * rows);
                }
                for (int j = 0; j < d; j++) {
                    features[rows * d + j] = feature(cells[j].strip(), source, lineNumber, j + 1);
                }
                labels[rows] = label(cells[d].strip(), source, lineNumber, d + 1);
                maxLabel = Math.max(maxLabel, labels[rows]);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " from memory failed", e);
        }
        if (rows == 0) {
            throw new InvalidInputException(source + " holds no data rows. Maybe it is empty or only a header?");
        }
        requireTwoClasses(source, labels, rows);
        int d = columns - 1;
        return new Dataset(name, Arrays.copyOf(features, rows * d), Arrays.copyOf(labels, rows), d,
                SampleShape.flat(d), maxLabel + 1, file.sha256(), scaling);
    }

    /**
     * A file of one label trained to loss 0 and accuracy 1, and then failed later: quantize's band (an internal
     * error), the features' distance ratio NaN. Nothing can be separated in it, so it is refused when read.
     */
    private static void requireTwoClasses(String source, int[] labels, int rows) {
        for (int i = 1; i < rows; i++) {
            if (labels[i] != labels[0]) {
                return;
            }
        }
        throw new InvalidInputException(source + " has label " + labels[0] + " on all " + rows + " rows, and barq"
                + " needs at least 2 classes to tell apart. Maybe the label is not the last column, or the file holds"
                + " only part of the data set?");
    }

    private static boolean isHeader(String[] cells) {
        String last = cells[cells.length - 1].strip();
        return !last.isEmpty() && !NUMBER.matcher(last).matches() && !NON_FINITE.matcher(last).matches();
    }

    private static float feature(String cell, String source, int line, int column) {
        if (NON_FINITE.matcher(cell).matches()) {
            throw new InvalidInputException(source + " line " + line + " column " + column + ": '" + cell
                    + "' is not a finite number, and barq drops no rows. Maybe fill in or remove the missing or"
                    + " infinite values first?");
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new InvalidInputException(source + " line " + line + " column " + column + ": '" + abbreviate(cell)
                    + "' is not a number. Maybe the file has a second header line or another separator?");
        }
        float v = (float) Double.parseDouble(cell);
        if (!Float.isFinite(v)) {
            throw new InvalidInputException(source + " line " + line + " column " + column + ": " + cell
                    + " is too large for F32. Maybe rescale the feature?");
        }
        return v;
    }

    private static int label(String cell, String source, int line, int column) {
        double v = NUMBER.matcher(cell).matches() ? Double.parseDouble(cell) : Double.NaN;
        if (!(v >= 0 && v <= MAX_LABEL && v == Math.rint(v))) {
            throw new InvalidInputException(source + " line " + line + " column " + column + ": label '"
                    + abbreviate(cell) + "' is not an integer in [0, " + MAX_LABEL + "]. Maybe the label is not the"
                    + " last column, or classes need mapping to 0, 1, ...?");
        }
        return (int) v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
