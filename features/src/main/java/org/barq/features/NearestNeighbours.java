package org.barq.features;

import org.barq.api.InvalidInputException;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The k-nearest-neighbour classifier in Euclidean distance. Distances come from matrix products,
 * {@code ||t - x||^2 = ||t||^2 + ||x||^2 - 2 t.x}, a block of test rows at a time so that the distance block stays
 * under {@link #BLOCK_VALUES} values. Deterministic: equal distances go to the lower training index, and a tie of
 * votes goes to the tied class whose member is nearest.
 */
public final class NearestNeighbours {
    /** The most distances held at once: 32 MB in double. */
    static final long BLOCK_VALUES = 4_000_000;

    private final int[] ks;
    private final int k;

    /**
     * @param ks the neighbour counts that vote, each at least 1; one search serves them all
     */
    public NearestNeighbours(int... ks) {
        if (ks.length == 0) {
            throw new InvalidInputException("no neighbour count given. Maybe k = 1 or 5?");
        }
        for (int k : ks) {
            if (k < 1) {
                throw new InvalidInputException("k = " + k + " neighbours must be at least 1. Maybe k = 1 or 5?");
            }
        }
        this.ks = ks.clone();
        this.k = java.util.Arrays.stream(ks).max().getAsInt();
    }

    /**
     * @param train the labelled training features
     * @param test  the features to label (their labels are not read), of the training width
     * @return the predicted label of each test sample, for the first neighbour count
     */
    public int[] predict(LabelledFeatures train, LabelledFeatures test) {
        return predictEach(train, test)[0];
    }

    /**
     * @param train the labelled training features
     * @param test  the features to label (their labels are not read), of the training width
     * @return per neighbour count, in the order given, the predicted label of each test sample
     */
    public int[][] predictEach(LabelledFeatures train, LabelledFeatures test) {
        if (test.d() != train.d()) {
            throw new InvalidInputException("test features are " + test.d() + " wide but training features "
                    + train.d() + ". Maybe both from one quantizer?");
        }
        int n = train.n();
        int d = train.d();
        int neighbours = Math.min(k, n);
        INDArray x = Matrices.of(train.x(), n, d);
        INDArray xt = x.transpose();
        double[] norms = Matrices.values(x.mul(x).sum(1));
        int rows = (int) Math.max(1, Math.min(test.n(), BLOCK_VALUES / n));
        int[][] predicted = new int[ks.length][test.n()];
        int[] nearest = new int[neighbours];
        double[] nearestScore = new double[neighbours];
        for (int start = 0; start < test.n(); start += rows) {
            int count = Math.min(rows, test.n() - start);
            double[] block = java.util.Arrays.copyOfRange(test.x(), start * d, (start + count) * d);
            // ||t||^2 is the same for every training sample of a row, so ||x||^2 - 2 t.x ranks them.
            double[] dot = Matrices.values(Matrices.of(block, count, d).mmul(xt));
            for (int r = 0; r < count; r++) {
                int filled = 0;
                for (int i = 0; i < n; i++) {
                    double score = norms[i] - 2 * dot[r * n + i];
                    if (filled < neighbours || score < nearestScore[filled - 1]) {
                        int at = filled < neighbours ? filled++ : neighbours - 1;
                        // Insertion keeps the list sorted; a strict comparison keeps lower indices first on ties.
                        while (at > 0 && score < nearestScore[at - 1]) {
                            nearestScore[at] = nearestScore[at - 1];
                            nearest[at] = nearest[at - 1];
                            at--;
                        }
                        nearestScore[at] = score;
                        nearest[at] = i;
                    }
                }
                for (int m = 0; m < ks.length; m++) {
                    predicted[m][start + r] = vote(nearest, Math.min(ks[m], filled), train.labels(), train.classes());
                }
            }
        }
        return predicted;
    }

    private static int vote(int[] nearest, int count, int[] labels, int classes) {
        int[] votes = new int[classes];
        int most = 0;
        for (int m = 0; m < count; m++) {
            most = Math.max(most, ++votes[labels[nearest[m]]]);
        }
        for (int m = 0; m < count; m++) {
            if (votes[labels[nearest[m]]] == most) {
                return labels[nearest[m]];
            }
        }
        throw new IllegalStateException("no neighbour voted");
    }
}
