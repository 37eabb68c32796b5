package org.barq.features;

/** The hand-made set of {@code features_golden.py} (beside the tests' resources), which computed the golden values. */
final class GoldenSet {
    static final double[] X = {
        0.0, 1.0, 5.0,
        0.2, 0.5, 4.0,
        1.0, 2.0, 4.5,
        0.9, 0.0, 1.0,
        3.0, 1.5, 0.0,
        2.5, 3.0, 0.5,
        2.0, 0.5, 2.0,
        4.0, 2.5, 3.0,
    };
    static final int[] Y = {0, 0, 0, 1, 1, 2, 2, 2};

    private GoldenSet() {
    }

    static LabelledFeatures set() {
        return new LabelledFeatures(X, 8, 3, Y, 3);
    }
}
