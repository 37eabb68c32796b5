package org.barq.objectives;

import org.barq.api.objective.Objective;
import org.barq.api.objective.ObjectiveTerms;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.MatrixBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The incremental objective {@code J(u) = R(u) / max(R(RTN), eps) + lambda * G(u) / max(G(RTN), eps)} of one layer
 * (FORMULATION §3.3, {@code eps = 1e-12}). {@code R(RTN)} is normalised by {@code max(R(RTN), eps)} like
 * {@code G(RTN)}: a tiny layer whose calibration inputs are all zero has {@code R = 0} everywhere, and must give
 * {@code J = 0} rather than NaN.
 *
 * <p>State: the current weights {@code w^}, per row {@code g_r = H w^_r - c_r} and {@code R_r}, and, when the
 * surrogate is weighted ({@code lambda > 0}), the band's first-order gaps {@code m(x)} and {@code G}. A delta costs
 * O(1) for {@code R} plus O(|B|) for {@code G}; a flip O(in) plus O(|B|). {@link #value()} sums the per-row
 * {@code R_r} in row order, so it does not depend on the order in which rows were flipped.
 *
 * <p>With no weighted surrogate ({@link #rowSeparable()}), a delta or flip reads and writes only its own row's
 * slots and its own variable's choice, so variables of different rows may be handled concurrently. A surrogate of
 * weight 0 is still reported by {@link #terms()}, computed from scratch there.
 */
public final class DefaultLayerObjective implements Objective {
    /** The floor of both normalisers, {@code eps} of FORMULATION §3.3. */
    public static final double EPSILON = 1e-12;

    private final Shared shared;
    private final boolean[] up;
    private final double[] weights;
    /** {@code g}, one array per row, so that a flip's update is a loop from index 0 (see ReconstructionTerm.move). */
    private final double[][] gradient;
    private final double[] rows;
    private final double[] gaps;
    private double surrogateValue;
    private RelaxedWorkspace workspace;

    /** What every copy shares: the problem's constants, never written after construction. */
    private static final class Shared {
        final int out;
        final int in;
        final int[] row;
        final int[] col;
        final int[] weight;
        final double[] down;
        final double[] upValue;
        final double[] floorWeights;
        final double[] nearestWeights;
        final ReconstructionTerm reconstruction;
        final AbstractSurrogate surrogate;
        final boolean weighted;
        final double lambda;
        final double reconstructionScale;
        final double surrogateScale;
        final ObjectiveTerms nearest;

        Shared(RoundingSpace space, ReconstructionTerm reconstruction, AbstractSurrogate surrogate, double lambda) {
            this.out = space.rows();
            this.in = space.cols();
            int n = space.variables();
            this.row = new int[n];
            this.col = new int[n];
            this.weight = new int[n];
            this.down = new double[n];
            this.upValue = new double[n];
            for (int v = 0; v < n; v++) {
                row[v] = space.rowOf(v);
                col[v] = space.colOf(v);
                weight[v] = space.weightOf(v);
                down[v] = space.value(v, false);
                upValue[v] = space.value(v, true);
            }
            this.floorWeights = Matrices.widen(space.dequantized(new boolean[n]));
            this.nearestWeights = reconstruction.nearestWeights();
            this.reconstruction = reconstruction;
            this.surrogate = surrogate;
            this.lambda = lambda;
            this.weighted = surrogate != null && lambda > 0;
            double r = reconstruction.nearestValue();
            double g = surrogate == null ? 0 : surrogate.value(surrogate.nearestGaps());
            this.reconstructionScale = Math.max(r, EPSILON);
            this.surrogateScale = Math.max(g, EPSILON);
            double j = r / reconstructionScale;
            this.nearest = new ObjectiveTerms(r, g, weighted ? j + lambda * g / surrogateScale : j);
        }
    }

    /**
     * Builds the objective at round-to-nearest; the normalisers {@code R(RTN)} and {@code G(RTN)} come from the
     * directly computed residual and the gaps {@code m_0}.
     *
     * @param space          the layer's choices
     * @param reconstruction {@code R}, whose reference weights are {@code space}'s round-to-nearest
     * @param surrogate      {@code G}, or null for none
     * @param lambda         {@code >= 0}; with 0 the surrogate is only reported
     */
    DefaultLayerObjective(RoundingSpace space, ReconstructionTerm reconstruction, AbstractSurrogate surrogate,
                          double lambda) {
        this.shared = new Shared(space, reconstruction, surrogate, lambda);
        int n = space.variables();
        this.up = new boolean[n];
        this.weights = new double[shared.out * shared.in];
        this.gradient = new double[shared.out][shared.in];
        this.rows = new double[shared.out];
        this.gaps = shared.weighted ? new double[surrogate.size()] : null;
        assign(space.nearest());
    }

    private DefaultLayerObjective(DefaultLayerObjective source) {
        this.shared = source.shared;
        this.up = source.up.clone();
        this.weights = source.weights.clone();
        this.gradient = new double[source.gradient.length][];
        for (int r = 0; r < gradient.length; r++) {
            gradient[r] = source.gradient[r].clone();
        }
        this.rows = source.rows.clone();
        this.gaps = source.gaps == null ? null : source.gaps.clone();
        this.surrogateValue = source.surrogateValue;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private double combine(double reconstruction, double surrogate) {
        double j = reconstruction / shared.reconstructionScale;
        return shared.weighted ? j + shared.lambda * surrogate / shared.surrogateScale : j;
    }

    @Override
    public int variables() {
        return up.length;
    }

    @Override
    public double value() {
        return combine(sum(rows), surrogateValue);
    }

    @Override
    public ObjectiveTerms terms() {
        double r = sum(rows);
        double g;
        if (shared.weighted) {
            g = surrogateValue;
        } else if (shared.surrogate != null) {
            g = shared.surrogate.value(shared.surrogate.gaps(deviation(weights)));
        } else {
            g = 0;
        }
        return new ObjectiveTerms(r, g, combine(r, g));
    }

    /** @return {@code R}, {@code G} and {@code J} at round-to-nearest, the normalisers of {@code J} */
    public ObjectiveTerms nearestTerms() {
        return shared.nearest;
    }

    /** @return {@code lambda}, the weight of {@code G} in {@code J} (0 when there is no surrogate to weight) */
    public double lambda() {
        return shared.surrogate == null ? 0 : shared.lambda;
    }

    /**
     * @return the first-order pair gaps {@code m(x; u)} of the band samples at the current assignment, in band
     *         order, a fresh array; empty when the objective has no surrogate
     */
    public double[] bandGaps() {
        if (shared.weighted) {
            return gaps.clone();
        }
        return shared.surrogate == null ? new double[0] : shared.surrogate.gaps(deviation(weights));
    }

    @Override
    public double delta(int v) {
        int r = shared.row[v];
        int j = shared.col[v];
        double d = move(v);
        double change = shared.reconstruction.delta(gradient[r][j], j, d) / shared.reconstructionScale;
        if (shared.weighted) {
            change += shared.lambda * shared.surrogate.delta(gaps, r, j, d) / shared.surrogateScale;
        }
        return change;
    }

    /**
     * Without a weighted surrogate, {@code R} is a quadratic per row: two flips in one row add their deltas and
     * the cross term {@code 2 d_v d_w H_jk / N}, and flips in different rows just add; O(1), no state written.
     */
    @Override
    public double pairDelta(int v, int w) {
        if (shared.weighted) {
            return Objective.super.pairDelta(v, w);
        }
        double both = delta(v) + delta(w);
        if (shared.row[v] != shared.row[w]) {
            return both;
        }
        return both + shared.reconstruction.cross(shared.col[v], move(v), shared.col[w], move(w))
                / shared.reconstructionScale;
    }

    /** @return how far a flip of {@code v} moves its weight */
    private double move(int v) {
        return up[v] ? shared.down[v] - shared.upValue[v] : shared.upValue[v] - shared.down[v];
    }

    @Override
    public void flip(int v) {
        int r = shared.row[v];
        int j = shared.col[v];
        boolean now = !up[v];
        double next = now ? shared.upValue[v] : shared.down[v];
        double d = next - weights[shared.weight[v]];
        rows[r] += shared.reconstruction.delta(gradient[r][j], j, d);
        shared.reconstruction.move(gradient[r], j, d);
        weights[shared.weight[v]] = next;
        up[v] = now;
        if (shared.weighted) {
            shared.surrogate.move(gaps, r, j, d);
            surrogateValue = shared.surrogate.value(gaps);
        }
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
    public void assign(boolean[] choices) {
        if (choices.length != up.length) {
            throw new IllegalArgumentException("assignment has " + choices.length + " entries but the layer has "
                    + up.length + " variables");
        }
        System.arraycopy(choices, 0, up, 0, up.length);
        System.arraycopy(weightsOf(choices), 0, weights, 0, weights.length);
        INDArray e = deviation(weights);
        double[] flat = new double[shared.out * shared.in];
        shared.reconstruction.evaluate(e, rows, flat);
        for (int r = 0; r < shared.out; r++) {
            System.arraycopy(flat, r * shared.in, gradient[r], 0, shared.in);
        }
        if (shared.weighted) {
            System.arraycopy(shared.surrogate.gaps(e), 0, gaps, 0, gaps.length);
            surrogateValue = shared.surrogate.value(gaps);
        }
    }

    @Override
    public DefaultLayerObjective copy() {
        return new DefaultLayerObjective(this);
    }

    /**
     * Evaluates {@code J} from the choices alone: the weights from the codes, {@code R} from {@code H}, {@code c}
     * and the directly computed {@code R(RTN)}, {@code G} from gaps computed by matrix products.
     */
    @Override
    public double recompute() {
        INDArray e = deviation(weightsOf(up));
        double[] r = new double[shared.out];
        shared.reconstruction.evaluate(e, r, new double[weights.length]);
        double g = shared.weighted ? shared.surrogate.value(shared.surrogate.gaps(e)) : 0;
        return combine(sum(r), g);
    }

    @Override
    public boolean rowSeparable() {
        return !shared.weighted;
    }

    @Override
    public double relaxedValue(double[] h, double[] dJdh) {
        RelaxedWorkspace ws = workspace(h, dJdh);
        double[] e = ws.deviation.values();
        relaxedDeviation(h, e);
        ws.deviation.upload();
        shared.reconstruction.multiply(ws.deviation.matrix(), ws.product.matrix());
        ws.product.download();
        double[] g = ws.gradient;
        shared.reconstruction.fill(e, ws.product.values(), ws.rows, g);
        double rScale = 2.0 / (shared.reconstruction.samples() * shared.reconstructionScale);
        double j = sum(ws.rows) / shared.reconstructionScale;
        if (shared.weighted) {
            double sScale = shared.lambda / shared.surrogateScale;
            j += sScale * shared.surrogate.relaxed(ws.deviation.matrix(), ws.moved, ws.weighted, ws.surrogateGradient);
            double[] sg = ws.surrogateGradient.values();
            for (int v = 0; v < h.length; v++) {
                int i = shared.weight[v];
                dJdh[v] = (rScale * g[i] + sScale * sg[i]) * (shared.upValue[v] - shared.down[v]);
            }
        } else {
            for (int v = 0; v < h.length; v++) {
                dJdh[v] = rScale * g[shared.weight[v]] * (shared.upValue[v] - shared.down[v]);
            }
        }
        return j;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here {@code E H} leaves out the columns whose calibration inputs are all zero and the per-variable constants
     * are float32 ({@link ReconstructionGradient}); the surrogate's part, when weighted, is the same computation as
     * in {@link #relaxedValue}.
     */
    @Override
    public void relaxedGradient(double[] h, double[] dJdh) {
        RelaxedWorkspace ws = workspace(h, dJdh);
        ws.reconstructionGradient(shared).gradient(h, dJdh);
        if (shared.weighted) {
            relaxedDeviation(h, ws.deviation.values());
            ws.deviation.upload();
            shared.surrogate.relaxed(ws.deviation.matrix(), ws.moved, ws.weighted, ws.surrogateGradient);
            double[] sg = ws.surrogateGradient.values();
            double sScale = shared.lambda / shared.surrogateScale;
            for (int v = 0; v < h.length; v++) {
                dJdh[v] += sScale * sg[shared.weight[v]] * (shared.upValue[v] - shared.down[v]);
            }
        }
    }

    /** Writes {@code E} at the relaxed weights into {@code e}; entries of weights that are not variables stay. */
    private void relaxedDeviation(double[] h, double[] e) {
        for (int v = 0; v < h.length; v++) {
            int i = shared.weight[v];
            e[i] = shared.down[v] + h[v] * (shared.upValue[v] - shared.down[v]) - shared.nearestWeights[i];
        }
    }

    private RelaxedWorkspace workspace(double[] h, double[] dJdh) {
        if (h.length != up.length || dJdh.length != up.length) {
            throw new IllegalArgumentException("relaxed values and gradient need " + up.length + " entries, got "
                    + h.length + " and " + dJdh.length);
        }
        if (workspace == null) {
            workspace = new RelaxedWorkspace(shared.out, shared.in, shared.weighted ? shared.surrogate.size() : 0);
        }
        return workspace;
    }

    private double[] weightsOf(boolean[] choices) {
        double[] w = shared.floorWeights.clone();
        for (int v = 0; v < choices.length; v++) {
            w[shared.weight[v]] = choices[v] ? shared.upValue[v] : shared.down[v];
        }
        return w;
    }

    private INDArray deviation(double[] w) {
        double[] e = new double[w.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = w[i] - shared.nearestWeights[i];
        }
        return Matrices.of(e, shared.out, shared.in);
    }

    /** Preallocated buffers of {@link #relaxedValue}, one set per objective instance. */
    private static final class RelaxedWorkspace {
        final MatrixBuffer deviation;
        final MatrixBuffer product;
        final double[] gradient;
        final double[] rows;
        final MatrixBuffer moved;
        final MatrixBuffer weighted;
        final MatrixBuffer surrogateGradient;
        private ReconstructionGradient reconstructionGradient;

        RelaxedWorkspace(int out, int in, int band) {
            deviation = new MatrixBuffer(out, in);
            product = new MatrixBuffer(out, in);
            gradient = new double[out * in];
            rows = new double[out];
            moved = band > 0 ? new MatrixBuffer(band, out) : null;
            weighted = band > 0 ? new MatrixBuffer(band, out) : null;
            surrogateGradient = band > 0 ? new MatrixBuffer(out, in) : null;
        }

        /** @return the reconstruction part of {@link #relaxedGradient}, made on first use (it holds a copy of {@code H}) */
        ReconstructionGradient reconstructionGradient(Shared shared) {
            if (reconstructionGradient == null) {
                int n = shared.weight.length;
                double[] offset = new double[n];
                double[] step = new double[n];
                double[] nearestGradient = new double[n];
                double[] g = shared.reconstruction.nearestGradient();
                for (int v = 0; v < n; v++) {
                    int i = shared.weight[v];
                    offset[v] = shared.down[v] - shared.nearestWeights[i];
                    step[v] = shared.upValue[v] - shared.down[v];
                    nearestGradient[v] = g[i];
                }
                double scale = 2.0 / (shared.reconstruction.samples() * shared.reconstructionScale);
                reconstructionGradient = new ReconstructionGradient(shared.out, shared.in, shared.reconstruction.hessian(),
                        shared.row, shared.col, offset, step, nearestGradient, scale);
            }
            return reconstructionGradient;
        }
    }
}
