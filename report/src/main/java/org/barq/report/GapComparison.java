package org.barq.report;

/**
 * One lambda sweep's answer to "does the boundary-gap term help?": its best {@code lambda} (chosen on calibration:
 * lowest seed-mean band pair-order flip, then lowest Jaccard) against {@code lambda = 0} with the same solver and bit
 * width. All values are seed means.
 *
 * @param bits                    the bit width
 * @param method                  the column label
 * @param kind                    the surrogate's kind
 * @param bestLambda              the best {@code lambda > 0}
 * @param pairOrderFlip           test band pair-order flip at {@code lambda = 0}
 * @param bestPairOrderFlip       the same at the best {@code lambda}
 * @param jaccard                 test slice-boundary Jaccard at {@code lambda = 0}
 * @param bestJaccard             the same at the best {@code lambda}
 * @param accuracy                test accuracy at {@code lambda = 0}
 * @param bestAccuracy            the same at the best {@code lambda}
 * @param calibrationFlip         calibration band pair-order flip at {@code lambda = 0}
 * @param bestCalibrationFlip     the same at the best {@code lambda}
 * @param calibrationJaccard      calibration slice-boundary Jaccard at {@code lambda = 0}
 * @param bestCalibrationJaccard  the same at the best {@code lambda}
 * @param calibrationBand         calibration band size
 * @param testBand                test band size
 */
record GapComparison(int bits, String method, String kind, double bestLambda, double pairOrderFlip,
                     double bestPairOrderFlip, double jaccard, double bestJaccard, double accuracy,
                     double bestAccuracy, double calibrationFlip, double bestCalibrationFlip,
                     double calibrationJaccard, double bestCalibrationJaccard, double calibrationBand,
                     double testBand) {
    /** Seed means of equal counts can differ in their last bits; a change smaller than this is no change. */
    private static final double NOISE = 1e-9;

    /** @return whether the best lambda lowered the held-out pair-order flip (false when either is undefined) */
    boolean cutsPairOrderFlip() {
        return bestPairOrderFlip < pairOrderFlip - NOISE;
    }

    /** @return whether the best lambda lowered the held-out Jaccard (false when either is undefined) */
    boolean cutsJaccard() {
        return bestJaccard < jaccard - NOISE;
    }

    /** @return whether both were cut */
    boolean cutsBoth() {
        return cutsPairOrderFlip() && cutsJaccard();
    }

    /** @return whether the calibration band's pair-order flip fell while the held-out one did not */
    boolean overfitsCalibrationBand() {
        return bestCalibrationFlip < calibrationFlip - NOISE && !cutsPairOrderFlip();
    }

    /** @return "both cut", "pair-order flip only", "Jaccard only" or "neither" */
    String verdict() {
        if (cutsBoth()) {
            return "both cut";
        }
        if (cutsPairOrderFlip()) {
            return "pair-order flip only";
        }
        return cutsJaccard() ? "Jaccard only" : "neither";
    }

    /** @return "method / kind" */
    String name() {
        return method + " / " + kind;
    }
}
