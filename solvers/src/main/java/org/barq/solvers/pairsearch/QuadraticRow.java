package org.barq.solvers.pairsearch;

import java.util.Arrays;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;

/**
 * A row of a row-separable objective held as its own quadratic on primitive arrays, so that the search runs on
 * memory that is the row's alone, and goes back to a marked state by copying two arrays: a flip streams a row of
 * {@code H} through the cache (32 KB at 4096 inputs), and most kicks are undone. (Keeping flips aside and adding
 * their terms to each delta instead was three times slower at 2048 inputs: a delta then gathers scattered entries
 * of {@code H}.)
 *
 * <p>With {@code lambda = 0}, {@code J = R / R(RTN)} (FORMULATION §3.3) and row {@code r}'s part is
 * {@code (1/N) e^T H e + ...} in its weights, so flipping the variable on column {@code k}, which moves its weight
 * by {@code d}, changes {@code J} by {@code a_k d^2 + d gamma_k} with {@code a_k = kappa H_kk / 2}, and moves every
 * {@code gamma_l} by {@code kappa d H_kl}, where {@code kappa = 2 / (N R(RTN))} and {@code gamma} is the row's
 * gradient of {@code R} times {@code kappa / 2}. {@code gamma} is read off the objective's own single-flip deltas
 * when the row is taken, so both agree (checked against the objective, flip by flip, in QuadraticRowTest);
 * {@link #finish} hands the final choices back through the objective's flips.
 */
final class QuadraticRow implements SearchRow {
    private final Objective objective;
    private final double[][] hessianRows;
    private final int in;
    private final double kappa;
    private final int first;
    private final int size;
    private final int[] column;
    private final int[] variableAt;
    private final double[] curvature;
    /** How far a flip moves each variable's weight now: negative while it is up. */
    private final double[] move;
    private final double[] gamma;
    private final double[] markedMove;
    private final double[] markedGamma;

    /**
     * @param hessianRows {@code H} by rows ({@link RoundingProblem#hessianRows}), shared by every row's search
     * @param kappa       {@code 2 / (N R(RTN))}, as {@link #kappa} gives it
     */
    QuadraticRow(Objective objective, RoundingProblem problem, double[][] hessianRows, int first, int end,
                 double kappa) {
        RoundingSpace space = problem.space();
        this.objective = objective;
        this.hessianRows = hessianRows;
        this.in = problem.layer().in();
        this.kappa = kappa;
        this.first = first;
        this.size = end - first;
        this.column = new int[size];
        this.variableAt = new int[in];
        this.curvature = new double[size];
        this.move = new double[size];
        this.gamma = new double[in];
        Arrays.fill(variableAt, -1);
        for (int i = 0; i < size; i++) {
            int v = first + i;
            int k = space.colOf(v);
            boolean up = objective.isUp(v);
            column[i] = k;
            variableAt[k] = i;
            curvature[i] = 0.5 * kappa * hessianRows[k][k];
            move[i] = space.value(v, !up) - space.value(v, up);
            gamma[k] = (objective.delta(v) - curvature[i] * move[i] * move[i]) / move[i];
        }
        this.markedMove = move.clone();
        this.markedGamma = gamma.clone();
    }

    /**
     * @param objective a row-separable objective, so {@code J = R / R(RTN)} (FORMULATION §3.3), in any state
     * @param samples   {@code N}, the calibration rows behind {@code H}
     * @return {@code kappa = 2 / (N R(RTN)) = 2 J / (N R)}; 0 when {@code R = 0}, the least {@code R} can be, where
     *         no flip gains and none is made
     */
    static double kappa(Objective objective, int samples) {
        double r = objective.terms().reconstruction();
        return r > 0 ? 2 * objective.value() / (samples * r) : 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int column(int i) {
        return column[i];
    }

    @Override
    public int variableAt(int c) {
        return variableAt[c];
    }

    @Override
    public double delta(int i) {
        double d = move[i];
        return d * (curvature[i] * d + gamma[column[i]]);
    }

    @Override
    public double pairDelta(int i, double deltaI, int j, double hij) {
        return deltaI + delta(j) + kappa * move[i] * move[j] * hij;
    }

    @Override
    public void flip(int i) {
        double s = kappa * move[i];
        double[] h = hessianRows[column[i]];
        for (int l = 0; l < in; l++) {
            gamma[l] += s * h[l];
        }
        move[i] = -move[i];
    }

    @Override
    public void mark() {
        System.arraycopy(move, 0, markedMove, 0, size);
        System.arraycopy(gamma, 0, markedGamma, 0, in);
    }

    @Override
    public void reset() {
        System.arraycopy(markedMove, 0, move, 0, size);
        System.arraycopy(markedGamma, 0, gamma, 0, in);
    }

    @Override
    public void finish() {
        for (int i = 0; i < size; i++) {
            if (objective.isUp(first + i) != move[i] < 0) {
                objective.flip(first + i);
            }
        }
    }

    @Override
    public boolean cheapPairs() {
        return true;
    }
}
