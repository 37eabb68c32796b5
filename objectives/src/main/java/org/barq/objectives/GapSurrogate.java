package org.barq.objectives;

/**
 * The {@code gap} surrogate {@code G = mean_B (m(x; u) - m_f(x))^2} (FORMULATION §3.2): keep the band's gaps where
 * the float model had them.
 */
final class GapSurrogate extends AbstractSurrogate {

    /**
     * @param model     the first-order gaps
     * @param floatGaps {@code m_f(x)}, one per band sample; kept
     */
    GapSurrogate(FirstOrderGaps model, double[] floatGaps) {
        super(model, floatGaps);
    }

    @Override
    double penalty(double gap, double target) {
        double e = gap - target;
        return e * e;
    }

    @Override
    double slope(double gap, double target) {
        return 2 * (gap - target);
    }

    @Override
    double change(double gap, double shift, double target) {
        return shift * (2 * (gap - target) + shift);
    }
}
