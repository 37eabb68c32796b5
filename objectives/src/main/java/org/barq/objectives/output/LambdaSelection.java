package org.barq.objectives.output;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.api.model.RoundedModel;
import org.barq.objectives.CalibrationBand;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chooses the output pass's {@code lambda} by k-fold cross-validation inside the calibration set: for each fold, the
 * pass runs on the other folds' samples and is scored on the fold's own band (the samples whose float margin is at
 * or below the fold's {@code beta}-quantile), counting pair-order flips. The {@code lambda} with the fewest flips
 * over all folds wins; a tie goes to the smaller {@code lambda}, which costs less reconstruction. No test data takes
 * part, so the choice rewards what generalises to samples the pass did not see.
 */
public final class LambdaSelection {
    private LambdaSelection() {
    }

    /**
     * One candidate's score over all folds.
     *
     * @param lambda              the candidate
     * @param bandFlips           held-out band samples whose pair order flipped, summed over the folds
     * @param bandSize            held-out band samples, summed over the folds
     * @param reconstructionRatio the pass's {@code R} over its {@code R} at {@code lambda = 0}, mean over the folds
     */
    public record Score(double lambda, int bandFlips, int bandSize, double reconstructionRatio) {
        /** @return the held-out band's pair-order flip rate */
        public double pairOrderFlip() {
            return bandSize == 0 ? 0 : (double) bandFlips / bandSize;
        }
    }

    /**
     * @param lambda the chosen {@code lambda}
     * @param folds  the number of folds
     * @param scores every candidate's score, in the candidates' order
     */
    public record Choice(double lambda, int folds, List<Score> scores) {
    }

    /**
     * @param floatNet    the float network
     * @param rounded     its rounded model, the pass's start
     * @param calibration the calibration set, the only data looked at
     * @param candidates  the {@code lambda} values to try, each at least 0
     * @param folds       folds, at least 2 and at most the number of samples
     * @param beta        the band's quantile within each held-out fold, in (0, 1]
     * @param options     temperature, sweeps and seed of every pass; the seed also deals the folds
     * @return the chosen {@code lambda} and every candidate's score
     */
    public static Choice choose(Network floatNet, RoundedModel rounded, Dataset calibration, double[] candidates,
                                int folds, double beta, OutputPassOptions options) {
        if (folds < 2 || folds > calibration.size()) {
            throw new InvalidInputException("cross-validation folds " + folds + " must be in [2, "
                    + calibration.size() + "] (the calibration samples). Maybe 3?");
        }
        if (candidates.length == 0) {
            throw new InvalidInputException("no lambda to choose from. Maybe 0, 1, 3, 10?");
        }
        int[] fold = deal(calibration.size(), folds, new SplittableRandom(options.seed()).split());
        int[] flips = new int[candidates.length];
        int[] band = new int[candidates.length];
        double[] ratio = new double[candidates.length];
        for (int f = 0; f < folds; f++) {
            Dataset fit = calibration.subset(members(fold, f, false), calibration.name() + "/fit-" + f);
            Dataset held = calibration.subset(members(fold, f, true), calibration.name() + "/fold-" + f);
            OutputObjective.Builder prepared = OutputObjective.prepare(floatNet, rounded, fit,
                    options.temperature());
            INDArray x = Matrices.of(held.scaledInputs(floatNet.scaling()), held.size(), held.dimension());
            INDArray floatLogits = NetworkPass.run(floatNet, x).logits();
            CalibrationBand heldBand = CalibrationBand.of(floatLogits, beta);
            ClassPair pair = ClassPair.of(floatLogits);
            double[] r = new double[candidates.length];
            double baseline = Double.NaN;
            for (int c = 0; c < candidates.length; c++) {
                OutputPass.Result result = OutputPass.run(prepared, options.withLambda(candidates[c]));
                r[c] = result.objective().reconstruction();
                baseline = candidates[c] == 0 ? r[c] : baseline;
                RoundedModel passed = result.objective().applyTo(rounded);
                double[] gaps = pair.gaps(NetworkPass.run(passed.network(), x).logits());
                for (int i : heldBand.indices()) {
                    flips[c] += gaps[i] < 0 ? 1 : 0;
                }
                band[c] += heldBand.size();
            }
            if (Double.isNaN(baseline)) {
                baseline = OutputPass.run(prepared, options.withLambda(0)).objective().reconstruction();
            }
            for (int c = 0; c < candidates.length; c++) {
                ratio[c] += r[c] / baseline / folds;
            }
        }
        List<Score> scores = new ArrayList<>();
        int best = 0;
        for (int c = 0; c < candidates.length; c++) {
            scores.add(new Score(candidates[c], flips[c], band[c], ratio[c]));
            boolean fewer = flips[c] < flips[best];
            boolean tieSmaller = flips[c] == flips[best] && candidates[c] < candidates[best];
            if (fewer || tieSmaller) {
                best = c;
            }
        }
        return new Choice(candidates[best], folds, List.copyOf(scores));
    }

    /** @return each sample's fold: a seeded shuffle dealt round-robin, so fold sizes differ by at most one */
    private static int[] deal(int n, int folds, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        return fold;
    }

    private static int[] members(int[] fold, int f, boolean inside) {
        int count = 0;
        for (int value : fold) {
            count += (value == f) == inside ? 1 : 0;
        }
        int[] out = new int[count];
        int at = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inside) {
                out[at++] = i;
            }
        }
        return out;
    }
}
