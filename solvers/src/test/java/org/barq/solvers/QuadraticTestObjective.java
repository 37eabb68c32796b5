package org.barq.solvers;

import org.barq.api.objective.Objective;
import org.barq.api.objective.ObjectiveTerms;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;

/**
 * A test-only {@link Objective}: with {@code e = w^ - w} over all weights (fixed ones included),
 * {@code J(u) = c (sum_r e_r^T Q e_r + mu (a . e)^2)}, where {@code Q = H / N} is a symmetric PSD form shared by the
 * rows and {@code c} makes {@code J(RTN) = 1}, as the real objective's normalisation does.
 * With {@code mu = 0} this is exactly the reconstruction term with {@code X_q = X_f} and is row-separable; with
 * {@code mu > 0} the rank-one term couples all rows, like the boundary-gap surrogate. Incremental like the real
 * objective: a delta costs O(1), a flip O(in). Its terms report {@code R} as FORMULATION defines it, before the
 * normalisation by {@code c}, as the real objective's do.
 */
public final class QuadraticTestObjective implements Objective {
    private final RoundingSpace space;
    private final int cols;
    private final double[] w;
    private final double[] q;
    private final double[] a;
    private final double mu;
    /** {@code c}, which {@code q} and {@code a} carry. */
    private final double scale;

    private final boolean[] up;
    private final double[] e;
    private final double[] g;
    private final double[] rowValue;
    private double s;

    /**
     * @param problem the layer; {@code Q = H / N} is taken from its Hessian
     * @param a       coupling weights, one per weight (row-major)
     * @param mu      coupling strength; 0 makes the objective row-separable
     */
    public QuadraticTestObjective(RoundingProblem problem, double[] a, double mu) {
        this.space = problem.space();
        this.cols = space.cols();
        this.w = problem.layer().weightsAsDouble();
        this.q = problem.hessian().clone();
        for (int i = 0; i < q.length; i++) {
            q[i] /= problem.samples();
        }
        this.a = a.clone();
        this.up = space.nearest();
        this.e = new double[w.length];
        this.g = new double[w.length];
        this.rowValue = new double[space.rows()];
        this.mu = mu;
        rebuild();
        double c = 1.0 / value();
        this.scale = c;
        for (int i = 0; i < q.length; i++) {
            q[i] *= c;
        }
        for (int i = 0; i < this.a.length; i++) {
            this.a[i] *= Math.sqrt(c);
        }
        rebuild();
    }

    private QuadraticTestObjective(QuadraticTestObjective o) {
        this.space = o.space;
        this.cols = o.cols;
        this.w = o.w;
        this.q = o.q;
        this.a = o.a;
        this.mu = o.mu;
        this.scale = o.scale;
        this.up = o.up.clone();
        this.e = o.e.clone();
        this.g = o.g.clone();
        this.rowValue = o.rowValue.clone();
        this.s = o.s;
    }

    private double rounded(int weight, boolean[] choice) {
        int v = space.variableOf(weight);
        return v < 0 ? space.grid().dequantize(weight / cols, weight % cols, space.floorCode(weight)) : space.value(v, choice[v]);
    }

    private void rebuild() {
        for (int i = 0; i < w.length; i++) {
            e[i] = rounded(i, up) - w[i];
        }
        s = 0;
        for (int i = 0; i < w.length; i++) {
            s += a[i] * e[i];
        }
        for (int r = 0; r < space.rows(); r++) {
            rowValue[r] = rowForm(e, r, g);
        }
    }

    /** Fills {@code gOut[r, :] = Q e_r} and returns {@code e_r^T Q e_r}. */
    private double rowForm(double[] err, int r, double[] gOut) {
        double value = 0;
        int base = r * cols;
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int k = 0; k < cols; k++) {
                sum += q[j * cols + k] * err[base + k];
            }
            gOut[base + j] = sum;
            value += err[base + j] * sum;
        }
        return value;
    }

    @Override
    public int variables() {
        return space.variables();
    }

    @Override
    public double value() {
        return reconstruction() + mu * s * s;
    }

    private double reconstruction() {
        double sum = 0;
        for (double v : rowValue) {
            sum += v;
        }
        return sum;
    }

    @Override
    public ObjectiveTerms terms() {
        return new ObjectiveTerms(reconstruction() / scale, s * s, value());
    }

    private double move(int v) {
        return space.value(v, !up[v]) - space.value(v, up[v]);
    }

    @Override
    public double delta(int v) {
        int i = space.weightOf(v);
        int j = i % cols;
        double d = move(v);
        double dr = d * d * q[j * cols + j] + 2 * d * g[i];
        double ds = a[i] * d;
        return dr + mu * (2 * s * ds + ds * ds);
    }

    @Override
    public void flip(int v) {
        int i = space.weightOf(v);
        int r = i / cols;
        int j = i % cols;
        double d = move(v);
        rowValue[r] += d * d * q[j * cols + j] + 2 * d * g[i];
        e[i] += d;
        int base = r * cols;
        for (int k = 0; k < cols; k++) {
            g[base + k] += d * q[k * cols + j];
        }
        s += a[i] * d;
        up[v] = !up[v];
    }

    @Override
    public boolean isUp(int v) {
        return up[v];
    }

    @Override
    public boolean[] assignment() {
        return up.clone();
    }

    @Override
    public void assign(boolean[] choice) {
        space.requireLength(choice);
        System.arraycopy(choice, 0, up, 0, up.length);
        rebuild();
    }

    @Override
    public Objective copy() {
        return new QuadraticTestObjective(this);
    }

    @Override
    public double recompute() {
        return new QuadraticTestObjective(this).rebuiltValue();
    }

    private double rebuiltValue() {
        rebuild();
        return value();
    }

    @Override
    public boolean rowSeparable() {
        return mu == 0;
    }

    @Override
    public double relaxedValue(double[] h, double[] gradient) {
        double[] err = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            int v = space.variableOf(i);
            double relaxed = v < 0 ? rounded(i, up) : space.value(v, false) + h[v] * space.step(v);
            err[i] = relaxed - w[i];
        }
        double coupling = 0;
        for (int i = 0; i < w.length; i++) {
            coupling += a[i] * err[i];
        }
        double[] qe = new double[w.length];
        double value = 0;
        for (int r = 0; r < space.rows(); r++) {
            value += rowForm(err, r, qe);
        }
        for (int v = 0; v < space.variables(); v++) {
            int i = space.weightOf(v);
            gradient[v] = (2 * qe[i] + 2 * mu * coupling * a[i]) * space.step(v);
        }
        return value + mu * coupling * coupling;
    }
}
