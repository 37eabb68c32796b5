package org.barq.experiments.data;

import org.barq.api.InvalidInputException;

/**
 * A data set named on the command line: {@code digits}, {@code mnist}, {@code fashion-mnist}, {@code cifar10},
 * {@code csv:PATH} or {@code idx:DIR}.
 *
 * @param kind     which kind of source
 * @param location the path after {@code csv:} or {@code idx:}; empty for the named sets
 * @param text     the spec as the user wrote it, used as the data set's name
 */
public record DatasetSpec(Kind kind, String location, String text) {

    /** The kinds of source barq reads. */
    public enum Kind {
        /** The UCI digits set embedded in barq (1797 samples, 8x8, 10 classes). */
        DIGITS,
        /** MNIST IDX files in {@code DATA_DIR/mnist}. */
        MNIST,
        /** Fashion-MNIST IDX files in {@code DATA_DIR/fashion-mnist}. */
        FASHION_MNIST,
        /** CIFAR-10's binary batches in {@code DATA_DIR/cifar-10-batches-bin}. */
        CIFAR10,
        /** A CSV of raw features with the integer label last. */
        CSV,
        /** A folder of {@code train-*} and {@code t10k-*} IDX files. */
        IDX
    }

    /** What {@link #parse} accepts, for messages. */
    public static final String CHOICES = "digits, mnist, fashion-mnist, cifar10, csv:PATH, idx:DIR";

    /** Validates that CSV and IDX specs name a location and the others do not. */
    public DatasetSpec {
        boolean needsLocation = kind == Kind.CSV || kind == Kind.IDX;
        if (needsLocation == location.isBlank()) {
            throw new InvalidInputException("data set '" + text + "' "
                    + (needsLocation ? "names no path" : "takes no path") + ". Maybe one of: " + CHOICES + "?");
        }
    }

    /** @return whether the data set is read from the data folder ({@code --data-dir}, a config's {@code data_dir}) */
    public boolean readsDataFolder() {
        return kind == Kind.MNIST || kind == Kind.FASHION_MNIST || kind == Kind.CIFAR10;
    }

    /**
     * Refuses a data folder given for a data set that does not read one: it was dropped without a word.
     *
     * @param option  how the folder was given, e.g. {@code --data-dir}
     * @param dataDir the folder given, or null when none was
     * @throws InvalidInputException when a folder is given and this data set does not read one
     */
    public void requireDataFolderRead(String option, Object dataDir) {
        if (dataDir != null && !readsDataFolder()) {
            throw new InvalidInputException(withoutDataFolder() + "; " + option + " " + dataDir + " has no effect."
                    + " Maybe drop it?");
        }
    }

    /** @return why this data set reads no data folder, for messages, e.g. {@code digits is embedded in barq} */
    public String withoutDataFolder() {
        return switch (kind) {
            case DIGITS -> "digits is embedded in barq";
            case CSV -> text + " names its own file";
            case IDX -> text + " names its own folder";
            case MNIST, FASHION_MNIST, CIFAR10 -> text + " is read from the data folder";
        };
    }

    /**
     * @param text a spec such as {@code digits} or {@code csv:data/wine.csv}
     * @return the parsed spec
     * @throws InvalidInputException listing the choices when the name is unknown or a path is missing
     */
    public static DatasetSpec parse(String text) {
        String t = text.strip();
        if (t.startsWith("csv:")) {
            return new DatasetSpec(Kind.CSV, t.substring(4), t);
        }
        if (t.startsWith("idx:")) {
            return new DatasetSpec(Kind.IDX, t.substring(4), t);
        }
        return switch (t) {
            case "digits" -> new DatasetSpec(Kind.DIGITS, "", t);
            case "mnist" -> new DatasetSpec(Kind.MNIST, "", t);
            case "fashion-mnist" -> new DatasetSpec(Kind.FASHION_MNIST, "", t);
            case "cifar10" -> new DatasetSpec(Kind.CIFAR10, "", t);
            default -> throw new InvalidInputException("unknown data set '" + text + "'. Maybe one of: " + CHOICES
                    + "?");
        };
    }
}
