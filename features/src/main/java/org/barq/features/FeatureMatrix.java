package org.barq.features;

import org.barq.api.InvalidInputException;

/** Size checks shared by everything that reads a row-major {@code [n, d]} feature matrix. */
final class FeatureMatrix {
    private FeatureMatrix() {
    }

    /** @throws InvalidInputException unless {@code x} holds {@code n >= 1} rows of {@code d >= 1} values */
    static void require(double[] x, int n, int d, String what) {
        if (n < 1 || d < 1 || x.length != (long) n * d) {
            throw new InvalidInputException(what + " has " + x.length + " values for " + n + " samples of " + d
                    + " features. Maybe an empty split, or the features of another layer?");
        }
    }
}
