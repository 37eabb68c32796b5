package org.barq.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.data.SplitSpec;
import org.barq.api.data.Splits;
import org.barq.api.data.Splitter;
import org.barq.api.model.InputScaling;

/**
 * Turns a data set spec ({@link DatasetSpec}) into data (FORMULATION §1):
 * <ul>
 *   <li>{@code digits}: embedded in barq, no file or network needed; scaling 1/16; 10 classes;</li>
 *   <li>{@code mnist}, {@code fashion-mnist}: the IDX files in {@code DATA_DIR/mnist} or
 *       {@code DATA_DIR/fashion-mnist} (see {@link IdxFolderReader}); scaling 1/255; test = the shipped t10k part;</li>
 *   <li>{@code csv:PATH}: any CSV of raw features with the integer label last (see {@link CsvDatasetReader});
 *       no native scaling, so models use min-max from the training split; a relative path is taken from the
 *       working directory;</li>
 *   <li>{@code cifar10}: CIFAR-10's binary batches in {@code DATA_DIR/cifar-10-batches-bin} (see
 *       {@link CifarReader}); 3x32x32, scaling 1/255; test = the shipped test batch;</li>
 *   <li>{@code idx:DIR}: any folder of {@code train-*} and {@code t10k-*} IDX files; scaling 1/255.</li>
 * </ul>
 * Each knows its {@link Dataset#shape()}: digits 1x8x8, IDX sets 1 x rows x columns from the header, CSV a flat
 * vector unless {@link #withInputShape} gives one.
 * {@link Dataset#checksum()} is the SHA-256 of the file as stored (for digits, of the embedded
 * {@code digits.csv.gz}), or for IDX sets {@link DataFile#combined} over train-images, train-labels, t10k-images,
 * t10k-labels.
 */
public final class DatasetResolver {
    /** The environment variable that names the data folder. */
    public static final String DATA_ENV = "BARQ_DATA";
    private static final String DIGITS_RESOURCE = "digits.csv.gz";
    private static final SampleShape DIGITS_SHAPE = new SampleShape(1, 8, 8);
    private static final int DIGITS_CLASSES = 10;

    private final Path dataDir;
    /** The shape the user gave, if any, and the option or key that gave it, for messages. */
    private final Optional<SampleShape> inputShape;
    private final String shapeOption;

    /** @param dataDir the folder holding {@code mnist/} and {@code fashion-mnist/}; see {@link #defaultDataDir()} */
    public DatasetResolver(Path dataDir) {
        this(dataDir, Optional.empty(), "");
    }

    private DatasetResolver(Path dataDir, Optional<SampleShape> inputShape, String shapeOption) {
        this.dataDir = dataDir;
        this.inputShape = inputShape;
        this.shapeOption = shapeOption;
    }

    /**
     * A resolver that gives every {@code csv:} set this sample shape and checks it against the shape a named set
     * knows.
     *
     * @param shape  the shape, e.g. {@code 3x32x32}
     * @param option what gave it ({@code --input-shape} or {@code input_shape}), named in messages
     * @return the resolver
     */
    public DatasetResolver withInputShape(SampleShape shape, String option) {
        return new DatasetResolver(dataDir, Optional.of(shape), option);
    }

    /** @return {@code $BARQ_DATA} when set and not blank, else {@code data} in the working directory */
    public static Path defaultDataDir() {
        return defaultDataDir(System.getenv(DATA_ENV));
    }

    /**
     * @param environmentValue the value of {@code BARQ_DATA}, or null when unset
     * @return that folder, or {@code data} when it is null or blank
     */
    static Path defaultDataDir(String environmentValue) {
        return environmentValue == null || environmentValue.isBlank() ? Path.of("data") : Path.of(environmentValue);
    }

    /** @return the data folder this resolver reads named sets from */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * @param spec  a spec such as {@code digits}, {@code mnist} or {@code csv:wine.csv}
     * @param split the fractions
     * @param seed  the split seed
     * @return train, calibration and test: for IDX sets test is the shipped t10k part and calibration and train come
     *         from the training part ({@link Splitter#splitWithTest}); otherwise all three come from the whole set
     *         ({@link Splitter#split})
     * @throws InvalidInputException if the spec is unknown or its files are missing or malformed
     */
    public Splits resolve(String spec, SplitSpec split, long seed) {
        return resolve(DatasetSpec.parse(spec), split, seed);
    }

    /**
     * @param spec  the parsed spec
     * @param split the fractions
     * @param seed  the split seed
     * @return train, calibration and test, as {@link #resolve(String, SplitSpec, long)}
     */
    public Splits resolve(DatasetSpec spec, SplitSpec split, long seed) {
        Optional<IdxFolderReader.Parts> parts = idxParts(spec);
        if (parts.isPresent()) {
            return Splitter.splitWithTest(shaped(spec, parts.get().train()), shaped(spec, parts.get().test()), split,
                    seed);
        }
        return Splitter.split(shaped(spec, single(spec)), split, seed);
    }

    /**
     * Loads a data set whole, unsplit: for a {@code csv:} set given for evaluation or calibration, which is used as
     * it is. For IDX sets the shipped training part comes first, then the t10k part.
     *
     * @param spec a spec such as {@code csv:holdout.csv}
     * @return every sample
     * @throws InvalidInputException if the spec is unknown or its files are missing or malformed
     */
    public Dataset loadWhole(String spec) {
        return loadWhole(DatasetSpec.parse(spec));
    }

    /**
     * @param spec the parsed spec
     * @return every sample, as {@link #loadWhole(String)}
     */
    public Dataset loadWhole(DatasetSpec spec) {
        Optional<IdxFolderReader.Parts> parts = idxParts(spec);
        return shaped(spec, parts.isPresent() ? concatenate(spec.text(), parts.get().train(), parts.get().test())
                : single(spec));
    }

    /** @return {@code data} with the given input shape when it is a CSV, after checking the shape fits it */
    private Dataset shaped(DatasetSpec spec, Dataset data) {
        if (inputShape.isEmpty()) {
            return data;
        }
        SampleShape shape = inputShape.get();
        if (spec.kind() == DatasetSpec.Kind.CSV) {
            if (shape.size() != data.dimension()) {
                throw new InvalidInputException("data set " + spec.text() + " has " + data.dimension() + " features"
                        + " per sample but " + shapeOption + " " + shape + " holds " + shape.size() + ". Maybe give a"
                        + " C,H,W whose product is " + data.dimension() + "?");
            }
            return data.withShape(shape);
        }
        if (!shape.equals(data.shape())) {
            throw new InvalidInputException("data set " + spec.text() + " is " + data.shape() + " per sample, not the "
                    + shape + " that " + shapeOption + " gives. Maybe leave " + shapeOption + " out?");
        }
        return data;
    }

    private Optional<IdxFolderReader.Parts> idxParts(DatasetSpec spec) {
        return switch (spec.kind()) {
            case MNIST -> Optional.of(named("mnist", "MNIST", spec.text()));
            case FASHION_MNIST -> Optional.of(named("fashion-mnist", "Fashion-MNIST", spec.text()));
            case CIFAR10 -> Optional.of(CifarReader.read(dataDir.resolve(CifarReader.FOLDER), spec.text()));
            case IDX -> Optional.of(IdxFolderReader.read(Path.of(spec.location()), spec.text(),
                    "Maybe pass a folder holding train-images, train-labels, t10k-images and t10k-labels IDX files?"));
            case DIGITS, CSV -> Optional.empty();
        };
    }

    private IdxFolderReader.Parts named(String folder, String title, String name) {
        Path dir = dataDir.resolve(folder).toAbsolutePath().normalize();
        return IdxFolderReader.read(dir, name, "Maybe copy the " + title + " IDX files (train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) into " + dir
                + ", or point --data-dir (a study config: dataset.data_dir; or " + DATA_ENV + ") at the folder that"
                + " holds " + folder + "/?");
    }

    private Dataset single(DatasetSpec spec) {
        return switch (spec.kind()) {
            case DIGITS -> digits();
            case CSV -> csv(spec);
            case MNIST, FASHION_MNIST, CIFAR10, IDX -> throw new IllegalStateException(spec.kind()
                    + " ships its own test part");
        };
    }

    private static Dataset digits() {
        DataFile file;
        try (InputStream in = DatasetResolver.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded " + DIGITS_RESOURCE + " is missing from barq's jar");
            }
            file = DataFile.read("embedded " + DIGITS_RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException("closing the embedded digits resource failed", e);
        }
        Dataset d = CsvDatasetReader.read(file, "digits", Optional.of(InputScaling.uniform(1.0 / 16)));
        if (d.dimension() != DIGITS_SHAPE.size() || d.classes() != DIGITS_CLASSES) {
            throw new IllegalStateException("the embedded digits set has " + d.dimension() + " features and "
                    + d.classes() + " classes");
        }
        return d.withShape(DIGITS_SHAPE);
    }

    private static Dataset csv(DatasetSpec spec) {
        Path path = Path.of(spec.location());
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("data set " + spec.text() + ": file " + path.toAbsolutePath().normalize()
                    + (Files.isDirectory(path) ? " is a folder" : " does not exist") + ". Maybe check the path after"
                    + " csv: (a relative path starts in the working directory, in a features study in the data"
                    + " folder)?");
        }
        return CsvDatasetReader.read(DataFile.read(path), spec.text(), Optional.empty());
    }

    private static Dataset concatenate(String name, Dataset a, Dataset b) {
        float[] features = Arrays.copyOf(a.features(), a.features().length + b.features().length);
        System.arraycopy(b.features(), 0, features, a.features().length, b.features().length);
        int[] labels = Arrays.copyOf(a.labelArray(), a.size() + b.size());
        System.arraycopy(b.labelArray(), 0, labels, a.size(), b.size());
        return new Dataset(name, features, labels, a.dimension(), a.shape(), Math.max(a.classes(), b.classes()),
                a.checksum(), a.nativeScaling());
    }
}
