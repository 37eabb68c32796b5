package org.barq.api.checkpoint;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;

/**
 * A {@link LogitCorrection} in a rounded checkpoint: F32 tensors {@code correction.centroids [C, d]},
 * {@code correction.gamma [C, K]}, {@code correction.beta [C, K]} and, with a PCA, {@code correction.pca_mean [K]}
 * and {@code correction.pca_components [d, K]}; metadata {@link Checkpoints#CORRECTION} (the method) and
 * {@link Checkpoints#CORRECTION_ALPHA}. The layer tensors are untouched, so a reader that ignores these still has
 * the plain rounded model.
 */
final class CorrectionTensors {
    static final String PREFIX = "correction.";
    static final String CENTROIDS = PREFIX + "centroids";
    static final String GAMMA = PREFIX + "gamma";
    static final String BETA = PREFIX + "beta";
    static final String PCA_MEAN = PREFIX + "pca_mean";
    static final String PCA_COMPONENTS = PREFIX + "pca_components";

    private CorrectionTensors() {
    }

    /** Adds the correction's tensors to {@code tensors} and its keys to {@code own}. */
    static void put(LogitCorrection c, Map<String, Tensor> tensors, TreeMap<String, String> own) {
        int k = c.classes();
        tensors.put(CENTROIDS, Tensor.f32(new long[] {c.clusters(), c.dimensions()}, c.centroids()));
        tensors.put(GAMMA, Tensor.f32(new long[] {c.clusters(), k}, c.gamma()));
        tensors.put(BETA, Tensor.f32(new long[] {c.clusters(), k}, c.beta()));
        c.projection().ifPresent(p -> {
            tensors.put(PCA_MEAN, Tensor.f32(new long[] {k}, p.mean()));
            tensors.put(PCA_COMPONENTS, Tensor.f32(new long[] {p.dimensions(), k}, p.components()));
        });
        own.put(Checkpoints.CORRECTION, c.method());
        own.put(Checkpoints.CORRECTION_ALPHA, CheckpointJson.write(c.alpha()));
    }

    /**
     * @param tensors  every tensor of the file
     * @param metadata the file's metadata
     * @param rounded  whether the file holds a rounded model
     * @param classes  the model's K
     * @param bad      turns a problem and a hint into the reader's one-line error
     * @param wrap     runs the correction's constructor, prefixing its one-line complaint with the file name
     * @return the correction, when the file has one
     */
    static Optional<LogitCorrection> read(Map<String, Tensor> tensors, SortedMap<String, String> metadata,
                                          boolean rounded, int classes,
                                          BiFunction<String, String, InvalidInputException> bad,
                                          Function<Supplier<LogitCorrection>, LogitCorrection> wrap) {
        Map<String, Tensor> found = new TreeMap<>(new SafetensorsFile(tensors, metadata).tensors(PREFIX, true));
        String method = metadata.get(Checkpoints.CORRECTION);
        if (method == null) {
            if (!found.isEmpty()) {
                throw bad.apply("tensors " + found.keySet() + " hold a logit correction but metadata "
                        + Checkpoints.CORRECTION + " is missing", "the metadata was edited");
            }
            return Optional.empty();
        }
        if (!rounded) {
            throw bad.apply("metadata " + Checkpoints.CORRECTION + " is set on a float checkpoint", "a correction"
                    + " belongs to a rounded model; drop the key");
        }
        Function<String, float[]> floats = name -> {
            Tensor t = found.remove(name);
            if (t == null) {
                throw bad.apply("tensor '" + name + "' is missing for the " + method + " correction",
                        "the file was edited");
            }
            if (t.type() != Dtype.F32) {
                throw bad.apply("tensor '" + name + "' has dtype " + t.dtype() + " where barq needs F32",
                        "convert it to F32");
            }
            return t.floats();
        };
        float[] centroids = floats.apply(CENTROIDS);
        float[] gamma = floats.apply(GAMMA);
        float[] beta = floats.apply(BETA);
        Optional<LogitCorrection.Projection> projection = Optional.empty();
        if (found.containsKey(PCA_MEAN) || found.containsKey(PCA_COMPONENTS)) {
            projection = Optional.of(new LogitCorrection.Projection(floats.apply(PCA_MEAN),
                    floats.apply(PCA_COMPONENTS)));
        }
        if (!found.isEmpty()) {
            throw bad.apply("unexpected tensors " + found.keySet() + "; a correction holds only "
                    + String.join(", ", CENTROIDS, GAMMA, BETA, PCA_MEAN, PCA_COMPONENTS), "the file was edited");
        }
        String alphaText = metadata.get(Checkpoints.CORRECTION_ALPHA);
        double alpha;
        try {
            alpha = Double.parseDouble(alphaText == null ? "" : alphaText);
        } catch (NumberFormatException e) {
            throw bad.apply("metadata " + Checkpoints.CORRECTION_ALPHA + " is '" + alphaText + "', not a number",
                    "it should read like 0.4");
        }
        Optional<LogitCorrection.Projection> pca = projection;
        LogitCorrection c = wrap.apply(() -> new LogitCorrection(method, alpha, classes, centroids, pca, gamma,
                beta));
        requireShape(c, tensors, bad);
        return Optional.of(c);
    }

    /** The stored shapes must be the ones {@link #put} writes, not merely hold the right number of values. */
    private static void requireShape(LogitCorrection c, Map<String, Tensor> tensors,
                                     BiFunction<String, String, InvalidInputException> bad) {
        Map<String, long[]> expected = new TreeMap<>();
        expected.put(CENTROIDS, new long[] {c.clusters(), c.dimensions()});
        expected.put(GAMMA, new long[] {c.clusters(), c.classes()});
        expected.put(BETA, new long[] {c.clusters(), c.classes()});
        c.projection().ifPresent(p -> {
            expected.put(PCA_MEAN, new long[] {c.classes()});
            expected.put(PCA_COMPONENTS, new long[] {p.dimensions(), c.classes()});
        });
        expected.forEach((name, shape) -> {
            if (!java.util.Arrays.equals(tensors.get(name).shape(), shape)) {
                throw bad.apply("tensor '" + name + "' has shape " + java.util.Arrays.toString(tensors.get(name)
                        .shape()) + " but the correction needs " + java.util.Arrays.toString(shape),
                        "the file was edited");
            }
        });
    }
}
