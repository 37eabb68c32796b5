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
    private final double[] sigmoid;

    /**
     * @param objective the objective; its state is not changed
     * @param reg       the regulariser's weight
     */
    RelaxedLoss(Objective objective, double reg) {
        this.objective = objective;
        this.reg = reg;
        this.h = new double[objective.variables()];
        this.gradientH = new double[objective.variables()];
        this.sigmoid = new double[objective.variables()];
    }

    /**
     * @param v           the relaxation parameters, one per variable
     * @param regularised whether the regulariser is on (off during the warm-up)
     * @param beta        the regulariser's exponent, at least 1
     * @param gradientV   filled with {@code dL/dV}
     * @param chunks      runs the elementwise loops, on as many threads as the solve may use
     * @return {@code L(V)}
     */
    double evaluate(double[] v, boolean regularised, double beta, double[] gradientV, ParallelChunks chunks) {
        chunks.sum((from, to) -> {
            for (int i = from; i < to; i++) {
                double vi = v[i];
                if (vi <= -RectifiedSigmoid.SATURATED) {
                    h[i] = 0;
                } else if (vi >= RectifiedSigmoid.SATURATED) {
                    h[i] = 1;
                } else {
                    double s = RectifiedSigmoid.sigmoid(vi);
                    sigmoid[i] = s;
                    h[i] = RectifiedSigmoid.ofSigmoid(s);
                }
            }
            return 0;
        });
        double loss = objective.relaxedValue(h, gradientH);
        double penalty = chunks.sum((from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                double hi = h[i];
                // a clamped h has dh/dV = 0 and |2h - 1|^beta = 1: no gradient and no penalty, so skip the powers;
                // most variables settle there once the regulariser anneals, which makes this the common case
                if (hi <= 0 || hi >= 1) {
                    gradientV[i] = 0;
                    continue;
                }
                double g = gradientH[i];
                if (regularised) {
                    double centred = 2 * hi - 1;
                    double a = Math.abs(centred);
                    double power = Math.pow(a, beta - 1);
                    sum += 1 - power * a;
                    g -= reg * beta * power * Math.signum(centred) * 2;
                }
                gradientV[i] = g * RectifiedSigmoid.derivativeOfSigmoid(sigmoid[i]);
            }
            return sum;
        });
        return loss + reg * penalty;
    }
}
