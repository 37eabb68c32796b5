package org.barq.api.objective;

/**
 * The rounding objective {@code J(u)} of one layer over its binary choices (FORMULATION §3.3). Solvers read
 * {@code J} only through this contract. An implementation keeps incremental state, so that
 * {@link #delta(int)} costs O(1) for the reconstruction term plus O(|B|) for the surrogate, and {@link #flip(int)}
 * O(in + |B|). Every incremental delta equals the difference of two full evaluations up to floating-point rounding.
 *
 * <p>Variables are numbered as in {@link org.barq.api.problem.RoundingSpace}; {@code true} means "up".
 * Implementations are not thread-safe unless {@link #rowSeparable()} says otherwise; use {@link #copy()} for
 * independent workers.
 */
public interface Objective {

    /** @return the number of variables */
    int variables();

    /** @return {@code J} at the current assignment */
    double value();

    /** @return {@code R}, {@code G} and {@code J} at the current assignment */
    ObjectiveTerms terms();

    /**
     * @param v a variable
     * @return {@code J(u with v flipped) - J(u)}, without changing the state
     */
    double delta(int v);

    /**
     * The change of flipping two variables at once, the move that escapes a 1-flip local optimum. The default flips
     * {@code v}, reads {@code w}'s delta and flips {@code v} back, which is exact for any objective but costs two
     * flips; {@link #rowSeparable()} objectives answer in O(1) and may be asked concurrently for different rows.
     *
     * @param v a variable
     * @param w another variable
     * @return {@code J(u with v and w flipped) - J(u)}, without changing the state
     */
    default double pairDelta(int v, int w) {
        double first = delta(v);
        flip(v);
        double second = delta(w);
        flip(v);
        return first + second;
    }

    /**
     * Flips variable {@code v} and updates the state.
     *
     * @param v a variable
     */
    void flip(int v);

    /** @return the current choice of {@code v} ({@code true} = up) */
    boolean isUp(int v);

    /** @return the current assignment, a fresh array */
    boolean[] assignment();

    /**
     * Sets every variable and recomputes the state from scratch.
     *
     * @param up one choice per variable
     */
    void assign(boolean[] up);

    /** @return an independent objective in the same state */
    Objective copy();

    /**
     * Full re-evaluation at the current assignment, ignoring the incremental state; for checks (FULL_ASSERT).
     *
     * @return {@code J} computed from scratch
     */
    double recompute();

    /**
     * True when {@code J} is a sum of per-row terms (no surrogate, {@code lambda = 0}). Then {@link #delta} and
     * {@link #flip} may run concurrently for variables of <em>different</em> rows, and {@link #value()} is exact once
     * those calls have finished (it sums per-row values in row order, so the result does not depend on threads).
     *
     * @return whether rows may be solved independently
     */
    boolean rowSeparable();

    /**
     * The continuous relaxation for gradient solvers such as AdaRound: the weight of variable {@code v} is
     * {@code value(v, false) + h[v] * step(v)} with {@code h[v]} in [0, 1], and {@code J} is evaluated with the same
     * formula as for binary choices. Does not change the state.
     *
     * @param h        one value in [0, 1] per variable
     * @param gradient filled with {@code dJ / dh[v]}
     * @return {@code J} at the relaxed weights
     */
    double relaxedValue(double[] h, double[] gradient);

    /**
     * The gradient of {@link #relaxedValue} without {@code J}, for gradient solvers that need only the direction,
     * and may therefore be computed faster: with single-precision constants or without the terms that cannot
     * contribute. It agrees with {@code relaxedValue}'s gradient to about {@code 1e-6} of the largest entry, not to
     * the last bit, and is deterministic: the same {@code h} gives the same bits, whatever the thread count. Does
     * not change the state. The default calls {@code relaxedValue}.
     *
     * @param h        one value in [0, 1] per variable
     * @param gradient filled with {@code dJ / dh[v]}
     */
    default void relaxedGradient(double[] h, double[] gradient) {
        relaxedValue(h, gradient);
    }
}
