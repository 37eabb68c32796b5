package org.barq.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-nearest neighbours on separable clusters, on ties, and against a brute-force scan. */
class NearestNeighboursTest {
    /** Three Gaussian clusters in 5 dimensions, centres 6 apart, unit spread: separable. */
    private static LabelledFeatures clusters(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * 5];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = (j == y[i] ? 6 : 0) + gaussian(rng);
            }
        }
        return new LabelledFeatures(x, n, 5, y, 3);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void beatsChanceOnSeparableClustersAndIsDeterministic() {
        LabelledFeatures train = clusters(300, 1);
        LabelledFeatures test = clusters(90, 2);
        for (int k : new int[] {1, 5}) {
            int[] first = new NearestNeighbours(k).predict(train, test);
            assertTrue(test.accuracyOf(first) > 0.95, "k = " + k + ": " + test.accuracyOf(first));
            assertArrayEquals(first, new NearestNeighbours(k).predict(train, test));
        }
        int[][] both = new NearestNeighbours(1, 5).predictEach(train, test);
        assertArrayEquals(new NearestNeighbours(5).predict(train, test), both[1], "one search serves both k");
    }

    @Test
    void agreesWithABruteForceScanAcrossBlocks() {
        LabelledFeatures train = clusters(40, 3);
        LabelledFeatures test = clusters(25, 4);
        int[] predicted = new NearestNeighbours(1).predict(train, test);
        for (int t = 0; t < test.n(); t++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < train.n(); i++) {
                double s = 0;
                for (int j = 0; j < 5; j++) {
                    double diff = test.x()[t * 5 + j] - train.x()[i * 5 + j];
                    s += diff * diff;
                }
                if (s < bestDistance) {
                    bestDistance = s;
                    best = i;
                }
            }
            assertEquals(train.labels()[best], predicted[t], "test sample " + t);
        }
    }

    @Test
    void equalDistancesGoToTheLowerIndexAndTiedVotesToTheNearestClass() {
        // Binary codes: samples 0 and 1 are the same point with different labels.
        LabelledFeatures train = new LabelledFeatures(new double[] {1, 0, 1, 0, 0, 1, 0, 1}, 4, 2,
                new int[] {2, 0, 1, 1}, 3);
        LabelledFeatures test = new LabelledFeatures(new double[] {1, 0}, 1, 2, new int[] {0}, 3);
        assertArrayEquals(new int[] {2}, new NearestNeighbours(1).predict(train, test));
        // k = 4: class 1 has two votes (the far samples), classes 2 and 0 one each.
        assertArrayEquals(new int[] {1}, new NearestNeighbours(4).predict(train, test));
        // k = 2: one vote each for 2 and 0; the nearest (lower index) is class 2.
        assertArrayEquals(new int[] {2}, new NearestNeighbours(2).predict(train, test));
    }
}
