package org.barq.evaluation.stopping;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.barq.api.InvalidInputException;

/**
 * The stopping rule, calibration to test (FORMULATION §5). Each threshold comparison allows a slack of
 * {@link #SLACK} so that a value equal to its threshold in decimal (an accuracy drop of exactly 0.01 computed as
 * {@code 0.98 - 0.97}) is not lost to binary rounding.
 *
 * @param epsAccuracy {@code eps_acc}: how far below float the calibration accuracy may be; at least 0
 * @param tauFlip     {@code tau_flip}: the largest calibration flip rate allowed, in {@code [0, 1]}
 * @param tauJaccard  {@code tau_J}: the largest calibration slice-boundary Jaccard allowed, in {@code [0, 1]}
 */
public record StoppingRule(double epsAccuracy, double tauFlip, double tauJaccard) {

    /** The defaults: {@code eps_acc = 0.01}, {@code tau_flip = 0.01}, {@code tau_J = 0.5}. */
    public static final StoppingRule DEFAULTS = new StoppingRule(0.01, 0.01, 0.5);

    /** The tolerance of every threshold comparison. */
    public static final double SLACK = 1e-12;

    /** Validates the thresholds. */
    public StoppingRule {
        if (!(epsAccuracy >= 0.0 && epsAccuracy <= 1.0)) {
            throw new InvalidInputException("eps_acc " + epsAccuracy + " is outside [0, 1]. Maybe 0.01, the default?");
        }
        if (!(tauFlip >= 0.0 && tauFlip <= 1.0)) {
            throw new InvalidInputException("tau_flip " + tauFlip + " is outside [0, 1]. Maybe 0.01, the default?");
        }
        if (!(tauJaccard >= 0.0 && tauJaccard <= 1.0)) {
            throw new InvalidInputException("tau_J " + tauJaccard + " is outside [0, 1]. Maybe 0.5, the default?");
        }
    }

    /**
     * Selects with the candidates themselves as the variants of the correlation.
     *
     * @param candidates               bit widths of one method, each at most once
     * @param floatCalibrationAccuracy the float model's calibration accuracy
     * @return both selections and the correlation
     */
    public StoppingReport select(List<StoppingCandidate> candidates, double floatCalibrationAccuracy) {
        return select(candidates, floatCalibrationAccuracy, candidates.stream()
                .map(c -> new JaccardPair(c.bits() + " bits", c.calibration().jaccard(), c.test().jaccard()))
                .toList());
    }

    /**
     * @param candidates               bit widths of one method, each at most once
     * @param floatCalibrationAccuracy the float model's calibration accuracy
     * @param variants                 the variants of the "calibration predicts held-out" correlation
     * @return <i>selected by accuracy</i>: the lowest {@code b} with calibration accuracy
     *         {@code >= float - eps_acc} (an accuracy above float's is within reach too); <i>boundary-aware</i>: the
     *         lowest {@code b} with calibration flip rate {@code <= tau_flip} and calibration Jaccard
     *         {@code <= tau_J}; either is empty when no candidate qualifies
     */
    public StoppingReport select(List<StoppingCandidate> candidates, double floatCalibrationAccuracy,
                                 List<JaccardPair> variants) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (StoppingCandidate c : candidates) {
            if (!seen.add(c.bits())) {
                throw new InvalidInputException("bit width " + c.bits() + " appears twice among the stopping"
                        + " candidates. Maybe two methods were mixed?");
            }
        }
        Optional<StoppingCandidate> byAccuracy = Optional.empty();
        Optional<StoppingCandidate> boundaryAware = Optional.empty();
        for (StoppingCandidate c : candidates) {
            SplitMetrics cal = c.calibration();
            if (floatCalibrationAccuracy - cal.accuracy() <= epsAccuracy + SLACK && lower(c, byAccuracy)) {
                byAccuracy = Optional.of(c);
            }
            if (cal.flipRate() <= tauFlip + SLACK && cal.jaccard() <= tauJaccard + SLACK && lower(c, boundaryAware)) {
                boundaryAware = Optional.of(c);
            }
        }
        double[] calibration = variants.stream().mapToDouble(JaccardPair::calibration).toArray();
        double[] heldOut = variants.stream().mapToDouble(JaccardPair::heldOut).toArray();
        return new StoppingReport(this, floatCalibrationAccuracy, candidates, byAccuracy, boundaryAware,
                variants.size(), pearson(calibration, heldOut));
    }

    private static boolean lower(StoppingCandidate c, Optional<StoppingCandidate> best) {
        return best.isEmpty() || c.bits() < best.get().bits();
    }

    /**
     * Pearson's {@code r} with Commons Math.
     *
     * @param x one value per variant
     * @param y one value per variant, paired with {@code x}
     * @return {@code r}, or NaN when it is undefined or meaningless: fewer than 3 variants (with 2 points
     *         {@code r} is always +-1), a non-finite value, or either side without variance
     */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new InvalidInputException("correlation needs paired values, got " + x.length + " and " + y.length
                    + ". Maybe a variant lacks one of its two reports?");
        }
        if (x.length < 3 || !finite(x) || !finite(y) || constant(x) || constant(y)) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(x, y);
    }

    private static boolean finite(double[] v) {
        for (double value : v) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean constant(double[] v) {
        for (double value : v) {
            if (value != v[0]) {
                return false;
            }
        }
        return true;
    }
}
