package org.barq.solvers.adaround;

/**
 * AdaRound's rectified sigmoid {@code h(V) = clamp(sigmoid(V) (zeta - gamma) + gamma, 0, 1)} with
 * {@code zeta = 1.1}, {@code gamma = -0.1}: it reaches exactly 0 and 1 at finite {@code V}, so that a relaxed
 * variable can settle on a choice.
 */
final class RectifiedSigmoid {
    /** The stretch's upper end. */
    static final double ZETA = 1.1;
    /** The stretch's lower end. */
    static final double GAMMA = -0.1;
    /**
     * Beyond {@code |V| >= 2.4} the clamp is certainly active ({@code h} is exactly 0 or 1 from {@code |V| = ln 11
     * = 2.3979}; the gap is far wider than rounding), so a hot loop may skip the exponential there.
     */
    static final double SATURATED = 2.4;

    private RectifiedSigmoid() {
    }

    /** @return {@code h(V)} in [0, 1] */
    static double value(double v) {
        return ofSigmoid(sigmoid(v));
    }

    /** @return {@code dh/dV}, 0 where the clamp is active */
    static double derivative(double v) {
        return derivativeOfSigmoid(sigmoid(v));
    }

    /** @return {@code h} from {@code sigmoid(V)}, so that a hot loop takes one exponential for both */
    static double ofSigmoid(double s) {
        return Math.min(1.0, Math.max(0.0, s * (ZETA - GAMMA) + GAMMA));
    }

    /** @return {@code dh/dV} from {@code sigmoid(V)}, 0 where the clamp is active */
    static double derivativeOfSigmoid(double s) {
        double stretched = s * (ZETA - GAMMA) + GAMMA;
        return stretched <= 0 || stretched >= 1 ? 0.0 : (ZETA - GAMMA) * s * (1 - s);
    }

    /**
     * AdaRound's initialisation: the {@code V} with {@code h(V) = fraction}.
     *
     * @param fraction in [0, 1]
     * @return {@code -log((zeta - gamma) / (fraction - gamma) - 1)}
     */
    static double inverse(double fraction) {
        return -Math.log((ZETA - GAMMA) / (fraction - GAMMA) - 1);
    }

    static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
