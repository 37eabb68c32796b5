package org.barq.features;

import org.barq.api.features.FeatureQuantizer;

/** A fitted quantizer applied to a whole set: what the next stage sees, and the quantization error. */
public final class QuantizedFeatures {
    private QuantizedFeatures() {
    }

    /**
     * @param quantizer a fitted quantizer
     * @param set       the set's features
     * @return every sample encoded and decoded, {@code [n, quantizer.width()]}, with the same labels
     */
    public static LabelledFeatures decoded(FeatureQuantizer quantizer, LabelledFeatures set) {
        int f = set.d();
        int w = quantizer.width();
        double[] out = new double[set.n() * w];
        double[] sample = new double[f];
        for (int i = 0; i < set.n(); i++) {
            System.arraycopy(set.x(), i * f, sample, 0, f);
            System.arraycopy(quantizer.decode(quantizer.encode(sample)), 0, out, i * w, w);
        }
        return set.withFeatures(out, w);
    }

    /**
     * The quantization error on the features' own scale: the mean over samples and features of
     * {@code (x_ij - value_j(code_ij))^2}, where {@link FeatureQuantizer#value} is what the code stands for (a uniform
     * level; for binary and ternary codes the training mean of the values with that code).
     *
     * @param quantizer a fitted quantizer
     * @param set       the set's features
     * @return the mean squared error
     */
    public static double meanSquaredError(FeatureQuantizer quantizer, LabelledFeatures set) {
        int f = set.d();
        double[] sample = new double[f];
        double sum = 0;
        for (int i = 0; i < set.n(); i++) {
            System.arraycopy(set.x(), i * f, sample, 0, f);
            int[] codes = quantizer.encode(sample);
            for (int j = 0; j < f; j++) {
                double e = sample[j] - quantizer.value(j, codes[j]);
                sum += e * e;
            }
        }
        return sum / ((double) set.n() * f);
    }
}
