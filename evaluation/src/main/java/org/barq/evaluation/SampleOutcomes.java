package org.barq.evaluation;

/**
 * What one model does with each sample of a set: the class it predicts and its margin {@code z_c1 - z_c2} on the float
 * model's class pair (FORMULATION §5), which is negative where the pair's order flipped.
 *
 * @param predicted the arg-max of each sample's (corrected) logits, ties to the lower class
 * @param margin    each sample's gap on the float model's pair
 */
public record SampleOutcomes(int[] predicted, double[] margin) {

    /** Copies the arrays. */
    public SampleOutcomes {
        predicted = predicted.clone();
        margin = margin.clone();
    }

    /** @return a fresh copy of the predictions */
    @Override
    public int[] predicted() {
        return predicted.clone();
    }

    /** @return a fresh copy of the margins */
    @Override
    public double[] margin() {
        return margin.clone();
    }
}
