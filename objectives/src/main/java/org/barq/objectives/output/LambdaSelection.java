package org.barq.objectives.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.Permutations;
import org.barq.api.model.Network;
import org.barq.api.model.RoundedModel;
import org.barq.api.solver.StridedWorkers;
import org.barq.objectives.CalibrationBand;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chooses the output pass's {@code lambda} by k-fold cross-validation inside the calibration set: for each fold, the
 * pass runs on the other folds' samples and is scored on the fold's own band (the samples whose float margin is at
 * or below the fold's {@code beta}-quantile) for its pair-order flips and on all the fold's samples for the weighted
 * pair-gap error. The choice ({@link #best}) ranks by the held-out gap error. No test data takes part, so the choice
 * rewards what generalises to samples the pass did not see.
 */
public final class LambdaSelection {
    /** How much higher a smaller lambda's held-out error may be and still be preferred, as a fraction. */
    private static final double PREFER_SMALLER = 0.02;

    private LambdaSelection() {
    }

    /**
     * One candidate's score over all folds.
     *
     * @param lambda              the candidate
     * @param bandFlips           held-out band samples whose pair order flipped, summed over the folds
     * @param bandSize            held-out band samples, summed over the folds
     * @param reconstructionRatio the pass's {@code R} over its {@code R} at {@code lambda = 0}, mean over the folds
     * @param startRatio          the pass's {@code R} over {@code R} at its start, mean over the folds
     * @param heldOutGap          the held-out folds' weighted pair-gap error after the pass over the one at the start,
     *                            mean over the folds
     * @param startFlips          held-out band samples whose pair order had flipped at the start, summed over the folds
     * @param withinLimit         whether its {@code R} growth stays within the limit, so that it may be chosen
     */
    public record Score(double lambda, int bandFlips, int bandSize, double reconstructionRatio, double startRatio,
                        double heldOutGap, int startFlips, boolean withinLimit) {
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
        /**
         * The pass's expectation for samples it has not seen: the square root of the chosen lambda's held-out
         * pair-gap error ratio, since near a boundary the pair-order flips follow the size of the gap error, not
         * its square (docs/boundary-gap.md compares it with test sets: close on Fashion-MNIST, optimistic on MNIST at
         * 3 bits, whose few ambiguous digits the calibration set holds too few of).
         *
         * @return the expected held-out pair-order flips as a fraction of the pass's start's
         */
        public double expectedFlipRatio() {
            return Math.sqrt(scores.stream().filter(s -> s.lambda() == lambda).findFirst().orElseThrow().heldOutGap());
        }
    }

    /** @return whether {@code folds} folds can be dealt from {@code samples} samples, each fold holding one */
    public static boolean foldsFit(int folds, int samples) {
        return folds >= 2 && folds <= samples;
    }

    /**
     * @param floatNet    the float network
     * @param rounded     its rounded model, the pass's start
     * @param calibration the calibration set, the only data looked at
     * @param candidates  the {@code lambda} values to try, each at least 0
     * @param folds       folds, at least 2 and at most the number of samples
     * @param beta        the band's quantile within each held-out fold, in (0, 1]
     * @param options     temperature, sweeps and seed of every pass; the seed also deals the folds
     * @param reconstructionLimit the most {@code R} may grow, as a factor (e.g. 1.1); 0 for no limit. Over its start
     *                            when both layers are matched; over the same pass at {@code lambda = 0} when the
     *                            logits alone are, since that pass gives up the hidden layer's {@code R} by design
     * @param threads     passes run at once, at least 1; each pass is single-threaded and seeded, and the scores are
     *                    summed in fold and candidate order, so the choice does not depend on it
     * @return the chosen {@code lambda} and every candidate's score
     */
    public static Choice choose(Network floatNet, RoundedModel rounded, Dataset calibration, double[] candidates,
                                int folds, double beta, OutputPassOptions options, double reconstructionLimit,
                                int threads) {
        if (!foldsFit(folds, calibration.size())) {
            throw new InvalidInputException("cross-validation folds " + folds + " must be in [2, "
                    + calibration.size() + "] (the calibration samples). Maybe 3?");
        }
        if (candidates.length == 0) {
            throw new InvalidInputException("no lambda to choose from. Maybe 0, 1, 3, 10?");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be at least 1");
        }
        int[] fold = deal(calibration.size(), folds, new SplittableRandom(options.seed()).split());
        boolean zeroIsCandidate = Arrays.stream(candidates).anyMatch(c -> c == 0);
        double[] lambdas = zeroIsCandidate ? candidates : Arrays.copyOf(candidates, candidates.length + 1);
        int[] flips = new int[candidates.length];
        int[] band = new int[candidates.length];
        double[] ratio = new double[candidates.length];
        double[] startRatio = new double[candidates.length];
        double[] heldGap = new double[candidates.length];
        int startFlips = 0;
        // one fold at a time, its candidates at once: a fold's prepared objective is the large part of memory
        try (StridedWorkers workers = new StridedWorkers(threads, "output-pass")) {
            for (int f = 0; f < folds; f++) {
                Fold held = Fold.of(floatNet, rounded, calibration, members(fold, f, false), members(fold, f, true),
                        f, beta, options);
                startFlips += held.startFlips();
                Held[] results = new Held[lambdas.length];
                workers.forEach(lambdas.length, c -> results[c] = held.score(rounded, options.withLambda(lambdas[c])));
                double baseline = Double.NaN;
                for (int c = 0; c < lambdas.length; c++) {
                    baseline = lambdas[c] == 0 ? results[c].reconstruction() : baseline;
                }
                for (int c = 0; c < candidates.length; c++) {
                    Held h = results[c];
                    flips[c] += h.bandFlips();
                    band[c] += h.bandSize();
                    heldGap[c] += h.heldOutGap() / folds;
                    startRatio[c] += h.reconstruction() / h.startReconstruction() / folds;
                    ratio[c] += h.reconstruction() / baseline / folds;
                }
            }
        }
        // the logits alone give up the hidden layer's R by design, so their growth is measured against lambda 0
        double[] growth = options.matching() == OutputMatching.LOGITS ? ratio : startRatio;
        List<Score> scores = new ArrayList<>();
        for (int c = 0; c < candidates.length; c++) {
            boolean within = reconstructionLimit == 0 || growth[c] <= reconstructionLimit;
            scores.add(new Score(candidates[c], flips[c], band[c], ratio[c], startRatio[c], heldGap[c], startFlips,
                    within));
        }
        int best = best(scores, growth);
        return new Choice(candidates[best], folds, List.copyOf(scores));
    }

    /** What one pass on a fold's training samples did on its held-out samples. */
    private record Held(double reconstruction, double startReconstruction, int bandFlips, int bandSize,
                        double heldOutGap) {
    }

    /** A fold: the pass's prepared objective on the other folds' samples, and what it is scored on. */
    private record Fold(OutputObjective.Builder prepared, INDArray x, ClassPair pair, double[] mf, double[] w,
                        CalibrationBand band, double gapStart, int startFlips) {
        static Fold of(Network floatNet, RoundedModel rounded, Dataset calibration, int[] fitRows, int[] heldRows,
                       int f, double beta, OutputPassOptions options) {
            Dataset fit = calibration.subset(fitRows, calibration.name() + "/fit-" + f);
            Dataset held = calibration.subset(heldRows, calibration.name() + "/fold-" + f);
            OutputObjective.Builder prepared = OutputObjective.prepare(floatNet, rounded,
                    options.fitted(floatNet, fit), options.temperature());
            INDArray x = Matrices.of(held.scaledInputs(floatNet.scaling()), held.size(), held.dimension());
            INDArray floatLogits = NetworkPass.run(floatNet, x).logits();
            CalibrationBand band = CalibrationBand.of(floatLogits, beta);
            ClassPair pair = ClassPair.of(floatLogits);
            double[] mf = pair.gaps(floatLogits);
            double[] w = OutputObjective.sampleWeights(mf, options.temperature());
            double[] startGaps = pair.gaps(NetworkPass.run(rounded.network(), x).logits());
            return new Fold(prepared, x, pair, mf, w, band, Math.max(gapError(startGaps, mf, w), 1e-12),
                    flips(startGaps, band));
        }

        Held score(RoundedModel rounded, OutputPassOptions options) {
            OutputObjective o = OutputPass.run(prepared, options).objective();
            double[] gaps = pair.gaps(NetworkPass.run(o.applyTo(rounded).network(), x).logits());
            return new Held(o.reconstruction(), o.startReconstruction(), flips(gaps, band), band.size(),
                    gapError(gaps, mf, w) / gapStart);
        }
    }

    private static int flips(double[] gaps, CalibrationBand band) {
        int count = 0;
        for (int i : band.indices()) {
            count += gaps[i] < 0 ? 1 : 0;
        }
        return count;
    }

    private static double gapError(double[] gaps, double[] mf, double[] w) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < gaps.length; i++) {
            sum += w[i] * (gaps[i] - mf[i]) * (gaps[i] - mf[i]);
            total += w[i];
        }
        return sum / total;
    }

    /**
     * @param reconstructionLimit the limit {@link #choose} was given; 0 for none
     * @param matching            the pass's matching, which sets what the limit is measured against
     * @return {@link #best}'s rule in words, for a table of the scores to read alone
     */
    public static String rule(double reconstructionLimit, OutputMatching matching) {
        String prefer = "a smaller lambda within " + Math.round(100 * PREFER_SMALLER) + " % of it is preferred";
        if (reconstructionLimit == 0) {
            return "the lowest held-out pair-gap error (no limit on R); " + prefer;
        }
        String reference = matching == OutputMatching.LOGITS ? "that of lambda 0" : "its start";
        return "the lowest held-out pair-gap error among the lambdas whose R stays within " + reconstructionLimit
                + "x " + reference + "; " + prefer;
    }

    /**
     * The rule: the lowest held-out pair-gap error among the candidates whose {@code R} stays within the limit; a
     * candidate within 2 % of that error and with a smaller {@code lambda} is preferred, since it buys the same
     * protection for less reconstruction. The held-out band's flips are too few to rank by (a few dozen per
     * calibration set), the gap error moves smoothly with {@code lambda}.
     */
    private static int best(List<Score> scores, double[] growth) {
        int best = -1;
        for (int c = 0; c < scores.size(); c++) {
            Score s = scores.get(c);
            if (s.withinLimit() && (best < 0 || s.heldOutGap() < scores.get(best).heldOutGap())) {
                best = c;
            }
        }
        if (best < 0) {
            // nothing within the limit: the candidate that costs the least reconstruction
            best = 0;
            for (int c = 1; c < scores.size(); c++) {
                best = growth[c] < growth[best] ? c : best;
            }
            return best;
        }
        int pick = best;
        for (int c = 0; c < scores.size(); c++) {
            Score s = scores.get(c);
            if (s.withinLimit() && s.lambda() < scores.get(pick).lambda()
                    && s.heldOutGap() <= (1 + PREFER_SMALLER) * scores.get(best).heldOutGap()) {
                pick = c;
            }
        }
        return pick;
    }

    /** @return each sample's fold: a seeded shuffle dealt round-robin, so fold sizes differ by at most one */
    private static int[] deal(int n, int folds, SplittableRandom random) {
        int[] order = Permutations.of(n, random);
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
