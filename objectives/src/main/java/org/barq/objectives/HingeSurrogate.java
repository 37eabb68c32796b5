package org.barq.objectives;

/**
 * The {@code hinge} surrogate {@code G = mean_B max(0, gamma m_f(x) - m(x; u))^2} (FORMULATION §3.2): only gaps
 * that shrink below a fraction {@code gamma} of the float margin, towards or past a pair-order flip, cost anything.
 */
final class HingeSurrogate extends AbstractSurrogate {

    /**
     * @param model     the first-order gaps
     * @param floatGaps {@code m_f(x)}, one per band sample; not kept
     * @param gamma     in [0, 1]
     */
    HingeSurrogate(FirstOrderGaps model, double[] floatGaps, double gamma) {
        super(model, scaled(floatGaps, gamma));
    }

    private static double[] scaled(double[] floatGaps, double gamma) {
        double[] t = new double[floatGaps.length];
        for (int x = 0; x < t.length; x++) {
            t[x] = gamma * floatGaps[x];
        }
        return t;
    }

    @Override
    double penalty(double gap, double target) {
        double shortfall = target - gap;
        return shortfall > 0 ? shortfall * shortfall : 0;
    }

    @Override
    double slope(double gap, double target) {
        double shortfall = target - gap;
        return shortfall > 0 ? -2 * shortfall : 0;
    }
}
