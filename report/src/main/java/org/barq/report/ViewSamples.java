package org.barq.report;

import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.SampleOutcomes;

/**
 * The samples the viewer draws on the slice: their place on the plane, class, band membership and the float model's
 * outcome on them.
 *
 * @param ab       {@code [a_0, b_0, a_1, b_1, ...]}, see {@code SlicePlane.project}
 * @param labels   each sample's class
 * @param band     each sample's band membership (float margin at or below the set's {@code beta}-quantile)
 * @param outcomes the float model's predictions and margins
 */
public record ViewSamples(double[] ab, int[] labels, boolean[] band, SampleOutcomes outcomes) {

    /** Copies the arrays. */
    public ViewSamples {
        ab = ab.clone();
        labels = labels.clone();
        band = band.clone();
    }

    /**
     * @param reference the float model on a set
     * @return the set's samples on the reference's plane, with the float model's band and outcomes
     */
    public static ViewSamples of(GeometryEvaluator.Reference reference) {
        SampleOutcomes outcomes = reference.outcomes();
        double threshold = reference.bandThreshold();
        double[] margin = outcomes.margin();
        boolean[] band = new boolean[margin.length];
        for (int i = 0; i < margin.length; i++) {
            band[i] = margin[i] <= threshold;
        }
        return new ViewSamples(reference.projections(), reference.set().labelArray(), band, outcomes);
    }

    /** @return the number of samples */
    public int size() {
        return labels.length;
    }

    /** @return a fresh copy of the coordinates */
    @Override
    public double[] ab() {
        return ab.clone();
    }

    /** @return a fresh copy of the classes */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** @return a fresh copy of the band membership */
    @Override
    public boolean[] band() {
        return band.clone();
    }
}
