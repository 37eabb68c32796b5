package org.barq.api.data;

import java.util.List;
import java.util.Optional;
import org.barq.api.InvalidInputException;
import org.barq.api.model.InputScaling;

/**
 * Labelled samples with raw features, row-major {@code [n, d]}. Immutable: arrays are never handed out for writing.
 *
 * @param name           what the user called it, e.g. {@code digits} or {@code csv:/path/x.csv}
 * @param features       raw features, row-major {@code n * d}
 * @param labels         class labels in {@code [0, classes)}
 * @param dimension      {@code d}, features per sample
 * @param shape          how a network sees one sample ({@code 1x28x28} for MNIST, {@link SampleShape#flat} for a
 *                       plain feature vector); holds exactly {@code d} values
 * @param classes        number of classes {@code K}
 * @param checksum       SHA-256 (hex) of the files it was read from, for provenance
 * @param nativeScaling  the data set's own scaling (digits 1/16, MNIST 1/255), or empty for min-max from training
 */
public record Dataset(String name, float[] features, int[] labels, int dimension, SampleShape shape, int classes,
                      String checksum, Optional<InputScaling> nativeScaling) {

    /** Validates sizes, shape and labels. */
    public Dataset {
        if (dimension < 1) {
            throw new InvalidInputException("data set " + name + " has " + dimension + " features per sample.");
        }
        if (shape.size() != dimension) {
            throw new InvalidInputException("data set " + name + " has " + dimension + " features per sample but its"
                    + " shape " + shape + " holds " + shape.size() + ". Maybe give a shape whose C*H*W is "
                    + dimension + "?");
        }
        if (features.length != (long) labels.length * dimension) {
            throw new InvalidInputException("data set " + name + " has " + features.length + " feature values for "
                    + labels.length + " samples of " + dimension + ".");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException("data set " + name + ": sample " + i + " has label " + labels[i]
                        + " outside [0, " + classes + ").");
            }
        }
    }

    /** @return the number of samples {@code n} */
    public int size() {
        return labels.length;
    }

    /** @return raw feature {@code j} of sample {@code i} */
    public float feature(int i, int j) {
        return features[i * dimension + j];
    }

    /** @return the label of sample {@code i} */
    public int label(int i) {
        return labels[i];
    }

    /** @return a fresh copy of the labels */
    public int[] labelArray() {
        return labels.clone();
    }

    /**
     * @param scaling how raw features become model inputs
     * @return the scaled inputs, row-major {@code n * d}, in double
     */
    public double[] scaledInputs(InputScaling scaling) {
        scaling.requireWidth(dimension);
        double[] x = new double[features.length];
        for (int i = 0; i < labels.length; i++) {
            int base = i * dimension;
            for (int j = 0; j < dimension; j++) {
                x[base + j] = scaling.apply(features[base + j], j);
            }
        }
        return x;
    }

    /**
     * @param indices sample indices, in the order wanted
     * @param label   the name of the subset, e.g. {@code digits/test}
     * @return the selected samples, sharing this set's checksum and scaling
     */
    public Dataset subset(int[] indices, String label) {
        float[] f = new float[indices.length * dimension];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * dimension, f, k * dimension, dimension);
            y[k] = labels[indices[k]];
        }
        return new Dataset(label, f, y, dimension, shape, classes, checksum, nativeScaling);
    }

    /**
     * @param newShape the shape to give each sample, e.g. {@code 3x32x32} for a CSV of CIFAR-10 pixels
     * @return the same samples with that shape (the arrays are shared, as they are never written)
     * @throws InvalidInputException when the shape does not hold {@link #dimension()} values
     */
    public Dataset withShape(SampleShape newShape) {
        return new Dataset(name, features, labels, dimension, newShape, classes, checksum, nativeScaling);
    }

    /**
     * The min-max scaling of FORMULATION §1, from this set's values: offset = min, scale = 1 / (max - min), and a
     * scale of 1 for a constant feature.
     *
     * @return per-feature scaling
     */
    public InputScaling minMaxScaling() {
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < dimension; j++) {
                double v = features[i * dimension + j];
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        double[] scale = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            scale[j] = hi[j] > lo[j] ? 1.0 / (hi[j] - lo[j]) : 1.0;
            if (!Double.isFinite(lo[j])) {
                lo[j] = 0.0;
            }
        }
        return new InputScaling(lo, scale);
    }

    /** @return the scaling a model trained on this set uses: the native one, else min-max of this set */
    public InputScaling trainingScaling() {
        return nativeScaling.orElseGet(this::minMaxScaling);
    }

    /** @return a one-line description, e.g. {@code digits: 1797 samples x 64 features (1x8x8), 10 classes} */
    public String describe() {
        return name + ": " + size() + " samples x " + dimension + " features" + (shape.isImage() ? " (" + shape + ")"
                : "") + ", " + classes + " classes";
    }

    /** @return the class counts, index = label */
    public List<Integer> classCounts() {
        int[] c = new int[classes];
        for (int y : labels) {
            c[y]++;
        }
        return java.util.Arrays.stream(c).boxed().toList();
    }
}
