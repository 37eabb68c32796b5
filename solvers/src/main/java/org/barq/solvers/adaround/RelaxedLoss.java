package org.barq.solvers.adaround;

import org.barq.api.objective.Objective;

/**
 * AdaRound's loss on the continuous relaxation of {@code J}:
 * {@code L(V) = J(h(V)) + reg * sum_v (1 - |2 h(V_v) - 1|^beta)}, with its gradient by the chain rule through the
 * regulariser and {@link RectifiedSigmoid}. {@code J(h)} and {@code dJ/dh} come from
 * {@link Objective#relaxedValue}.
 */
final class RelaxedLoss {
    private final Objective objective;
    private final double reg;
    private final double[] h;
    private final double[] gradientH;

    /**
     * @param objective the objective; its state is not changed
     * @param reg       the regulariser's weight
     */
    RelaxedLoss(Objective objective, double reg) {
        this.objective = objective;
        this.reg = reg;
        this.h = new double[objective.variables()];
        this.gradientH = new double[objective.variables()];
    }

    /**
     * @param v           the relaxation parameters, one per variable
     * @param regularised whether the regulariser is on (off during the warm-up)
     * @param beta        the regulariser's exponent, at least 1
     * @param gradientV   filled with {@code dL/dV}
     * @return {@code L(V)}
     */
    double evaluate(double[] v, boolean regularised, double beta, double[] gradientV) {
        for (int i = 0; i < v.length; i++) {
            h[i] = RectifiedSigmoid.value(v[i]);
        }
        double loss = objective.relaxedValue(h, gradientH);
        double penalty = 0;
        for (int i = 0; i < v.length; i++) {
            double g = gradientH[i];
            if (regularised) {
                double centred = 2 * h[i] - 1;
                double a = Math.abs(centred);
                penalty += 1 - Math.pow(a, beta);
                g -= reg * beta * Math.pow(a, beta - 1) * Math.signum(centred) * 2;
            }
            gradientV[i] = g * RectifiedSigmoid.derivative(v[i]);
        }
        return loss + reg * penalty;
    }
}
