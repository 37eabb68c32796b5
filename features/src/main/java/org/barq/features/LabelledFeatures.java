package org.barq.features;

import org.barq.api.InvalidInputException;

/**
 * A representation of a labelled set: row-major {@code [n, d]} features (raw inputs, a layer's activations, or
 * quantized codes as the next stage sees them) with the true labels.
 *
 * @param x       features, row-major {@code [n, d]}; never written
 * @param n       samples, at least 1
 * @param d       features per sample, at least 1
 * @param labels  the label of each sample, in {@code [0, classes)}
 * @param classes number of classes
 */
public record LabelledFeatures(double[] x, int n, int d, int[] labels, int classes) {
    /** Checks the sizes and labels. */
    public LabelledFeatures {
        FeatureMatrix.require(x, n, d, "a representation");
        if (labels.length != n) {
            throw new InvalidInputException("a representation has " + n + " samples but " + labels.length
                    + " labels. Maybe the labels of another split?");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidInputException("sample " + i + " has label " + labels[i] + " outside [0, " + classes
                        + "). Maybe the class count of another data set?");
            }
        }
    }

    /** @return the same samples with other features, e.g. their codes decoded */
    public LabelledFeatures withFeatures(double[] features, int width) {
        return new LabelledFeatures(features, n, width, labels, classes);
    }

    /**
     * @param predicted a predicted label per sample
     * @return the fraction that are this set's labels
     */
    public double accuracyOf(int[] predicted) {
        if (predicted.length != n) {
            throw new InvalidInputException(predicted.length + " predictions for " + n + " samples. Maybe the"
                    + " predictions of another split?");
        }
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / n;
    }
}
