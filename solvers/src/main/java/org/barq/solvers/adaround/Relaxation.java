package org.barq.solvers.adaround;

import org.barq.api.objective.Objective;

/**
 * AdaRound's continuous problem and its descent: the parameters {@code V}, their relaxed choices {@code h(V)}, and
 * Adam on the loss {@code L(V) = J(h(V)) + reg * sum_v (1 - |2 h(V_v) - 1|^beta)}, whose gradient comes by the chain
 * rule through the regulariser and {@link RectifiedSigmoid} from {@code dJ/dh} ({@link Objective#relaxedGradient}).
 *
 * <p>A variable whose {@code h} is clamped (exactly 0 or 1) is <em>frozen</em>: its {@code dL/dV} is 0, and stays
 * 0, because Adam, fed zeros, keeps moving {@code V} in the direction that clamped it. Its {@code h} therefore never
 * changes again, so a step skips it: the same {@code h} as updating it, without the work (late in a run nearly
 * every variable is frozen) and without the denormal moments that decaying towards 0 would produce.
 *
 * <p>One step makes one pass over the variables after {@code dJ/dh}: the loss gradient, Adam's update and the next
 * {@code h} of a variable together, so that its values are read from memory once.
 */
final class Relaxation {
    private final Objective objective;
    private final double reg;
    private final Adam adam;
    private final double[] v;
    private final double[] h;
    private final double[] sigmoid;
    private final double[] gradientH;
    private final boolean[] frozen;

    /**
     * @param objective the objective; its state is not changed
     * @param v         the initial parameters, one per variable; owned from now on
     * @param reg       the regulariser's weight
     * @param adam      the optimiser, sized for {@code v}
     */
    Relaxation(Objective objective, double[] v, double reg, Adam adam) {
        this.objective = objective;
        this.reg = reg;
        this.adam = adam;
        this.v = v;
        this.h = new double[v.length];
        this.sigmoid = new double[v.length];
        this.gradientH = new double[v.length];
        this.frozen = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            refresh(i);
        }
    }

    /**
     * One Adam iteration: {@code dJ/dh} at the current {@code h}, then per variable not frozen {@code dL/dV},
     * Adam's update of {@code V} and the new {@code h}.
     *
     * @param regularised whether the regulariser is on (off during the warm-up)
     * @param beta        the regulariser's exponent, at least 1
     * @param chunks      runs the pass over the variables, on as many threads as the solve may use
     */
    void step(boolean regularised, double beta, ParallelChunks chunks) {
        objective.relaxedGradient(h, gradientH);
        Adam.Step step = adam.next();
        chunks.run((from, to) -> {
            for (int i = from; i < to; i++) {
                if (frozen[i]) {
                    continue;
                }
                double hi = h[i];
                // a clamped h has dh/dV = 0: no gradient, now or later
                if (hi <= 0 || hi >= 1) {
                    frozen[i] = true;
                    continue;
                }
                v[i] = step.update(i, v[i], lossGradient(i, regularised, beta));
                refresh(i);
            }
        });
    }

    /**
     * @return {@code dL/dV_i} at the current {@code h}, from the {@code dJ/dh} of the last {@link #step} (or of
     *         {@link #computeRelaxedGradient})
     */
    double lossGradient(int i, boolean regularised, double beta) {
        double g = gradientH[i];
        if (regularised) {
            double centred = 2 * h[i] - 1;
            g -= reg * beta * Math.pow(Math.abs(centred), beta - 1) * Math.signum(centred) * 2;
        }
        return g * RectifiedSigmoid.derivativeOfSigmoid(sigmoid[i]);
    }

    /** Evaluates {@code dJ/dh} at the current {@code h} without stepping, for {@link #lossGradient}. */
    void computeRelaxedGradient() {
        objective.relaxedGradient(h, gradientH);
    }

    private void refresh(int i) {
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

    /** @return {@code h(V) >= 0.5} per variable */
    boolean[] hardRounding() {
        boolean[] up = new boolean[h.length];
        for (int i = 0; i < h.length; i++) {
            up[i] = h[i] >= 0.5;
        }
        return up;
    }

    /** @return per variable, whether it is frozen; shared, callers must not write */
    boolean[] frozen() {
        return frozen;
    }

    /** @return the parameters {@code V}; shared, callers must not write */
    double[] parameters() {
        return v;
    }
}
