package org.barq.objectives.output;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Layer;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.Relu;
import org.barq.api.model.RoundedModel;
import org.barq.objectives.Quantiles;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output objective of a rounded network's last two weight layers (issue 20, docs/boundary-gap.md), scored by the
 * true forward pass rather than a first-order model: {@code J = R / R_0 + lambda G / G_0}, where {@code R} is the
 * summed reconstruction of the two layers (FORMULATION §3.1, sequential inputs) and
 * {@code G = sum_n w_n (m_n - m_f,n)^2} the weighted pair-gap error over <em>every</em> sample, with
 * {@code w_n} proportional to {@code exp(-m_f,n / T)}: samples near a boundary weigh most, but the whole set takes
 * part, so that the rounding must move boundaries rather than rescue the band's own samples. {@code R_0, G_0} are the
 * values at the starting codes. With {@link OutputMatching#LOGITS} the reconstruction in {@code J} is the last
 * layer's alone (the logits', block output matching); {@link #reconstruction()} still reports both layers'.
 *
 * <p>A flip of the last layer moves one logit column linearly; a flip of the layer before moves one hidden unit
 * through its ReLU, and with it every logit. Both deltas are exact, in {@code O(N)} and {@code O(nnz(x_j))}; state
 * is kept column-major ({@code [unit][sample]}) so that these loops run over contiguous arrays.
 */
public final class OutputObjective {
    /** The values per sample in {@link #rowState}. */
    private static final int ROW_STATE = 4;
    private final int n;
    private final boolean twoLayers;
    private final double lambda;
    private final boolean logitsOnly;
    private final double r0;
    /** {@code R_0}, or with {@link OutputMatching#LOGITS} the logits' reconstruction at the start. */
    private final double norm;
    private final double g0;
    // penultimate layer A: [hidden, inputs]; last layer B: [classes, hidden]
    private final int hidden;
    private final int inputs;
    private final int classes;
    private final LayerGrid gridA;
    private final LayerGrid gridB;
    private final int[] floorA;
    private final int[] floorB;
    private final byte[] codesA;
    private final byte[] codesB;
    /** {@code Q_B} in double, column-major {@code [hidden][classes]} for the hidden unit's logit weights. */
    private final double[] qbT;
    // sparse columns of the layer A input X_q: per input j, sample indices and values
    private final int[][] xIndex;
    private final double[][] xValue;
    private final double[] xSquares;
    private final double[] pre;
    private final double[] h;
    private final double[] e1;
    private final double[] e2;
    /** The float logits, {@code [class][sample]}: the rounded ones are these minus E2 (the biases are not rounded). */
    private final double[] zf;
    private final double[] m;
    private final double[] mf;
    private final double[] w;
    private final int[] c1;
    private final int[] c2;
    /**
     * What a readied row's deltas read per sample, side by side, so that a delta, which visits the samples where
     * its input is non-zero, fetches one or two cache lines for them instead of four: {@code v_n =
     * sum_k E2_kn Q_B,kr}, the unit's weight on the pair gap {@code Q_B[c1_n, r] - Q_B[c2_n, r]}, the sample weight
     * {@code w_n} and the pair-gap error {@code m_n - m_f,n}.
     */
    private final double[] rowState;
    /** The hidden unit whose row {@link #beginRow} readied, or -1 when none is (or a last-layer flip undid it). */
    private int readied = -1;
    private double r;
    private double rOut;
    private double g;

    private OutputObjective(Builder b, double lambda, OutputMatching matching) {
        this.n = b.n;
        this.twoLayers = b.twoLayers;
        this.lambda = lambda;
        this.logitsOnly = matching == OutputMatching.LOGITS;
        this.hidden = b.hidden;
        this.inputs = b.inputs;
        this.classes = b.classes;
        this.gridA = b.gridA;
        this.gridB = b.gridB;
        this.floorA = b.floorA;
        this.floorB = b.floorB;
        this.codesA = b.codesA == null ? null : b.codesA.clone();
        this.codesB = b.codesB.clone();
        this.xIndex = b.xIndex;
        this.xValue = b.xValue;
        this.xSquares = b.xSquares;
        this.mf = b.mf;
        this.w = b.w;
        this.c1 = b.c1;
        this.c2 = b.c2;
        this.qbT = new double[hidden * classes];
        this.pre = b.pre.clone();
        this.h = b.h.clone();
        this.e1 = b.e1 == null ? null : b.e1.clone();
        this.e2 = b.e2.clone();
        this.zf = b.zf;
        this.m = new double[n];
        this.rowState = new double[ROW_STATE * n];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < hidden; j++) {
                qbT[j * classes + k] = value(gridB, k, j, codesB[k * hidden + j]);
            }
        }
        for (int i = 0; i < n; i++) {
            m[i] = b.z[c1[i] * n + i] - b.z[c2[i] * n + i];
        }
        this.r = fullReconstruction();
        this.rOut = reconstructionByLayer()[1];
        this.g = gap(b.z);
        this.r0 = r;
        this.norm = logitsOnly ? Math.max(rOut, 1e-12) : r;
        this.g0 = Math.max(g, 1e-12);
    }

    /**
     * Prepares the fixed part of the objective: targets, inputs and weights of the samples.
     *
     * @param floatNet    the float network
     * @param rounded     the rounded model of it (every weight layer rounded)
     * @param calibration the samples to score on
     * @param temperature the quantile of the float margins that sets {@code T}, in (0, 1]
     * @return the prepared objective, from which {@link Builder#at(double)} makes one per {@code lambda}
     * @throws InvalidInputException when the last two weight layers are not dense with one ReLU between them
     */
    public static Builder prepare(Network floatNet, RoundedModel rounded, Dataset calibration, double temperature) {
        return new Builder(floatNet, rounded, calibration, temperature);
    }

    /**
     * Fails fast, before any rounding, on a network the pass cannot take.
     *
     * @param net the float network
     * @throws InvalidInputException when its last two weight layers are not dense with one ReLU between them
     */
    public static void requireShape(Network net) {
        List<Integer> weightLayers = net.weightLayers();
        int count = weightLayers.size();
        Builder.requireShape(net, count >= 2 ? weightLayers.get(count - 2) : -1, weightLayers.get(count - 1));
    }

    /**
     * @param mf          the float margins of the samples
     * @param temperature the quantile of {@code mf} that is {@code T}
     * @return {@code exp(-m_f / T)} per sample, summing to 1
     */
    static double[] sampleWeights(double[] mf, double temperature) {
        double t = Math.max(Quantiles.linear(mf, temperature), 1e-12);
        double[] w = new double[mf.length];
        double total = 0;
        for (int i = 0; i < mf.length; i++) {
            w[i] = Math.exp(-mf[i] / t);
            total += w[i];
        }
        for (int i = 0; i < mf.length; i++) {
            w[i] /= total;
        }
        return w;
    }

    /** @return {@code J} */
    public double value() {
        return (logitsOnly ? rOut : r) / norm + lambda * g / g0;
    }

    /** @return the summed reconstruction {@code R} of the two layers */
    public double reconstruction() {
        return r;
    }

    /** @return {@code R} at the starting codes */
    public double startReconstruction() {
        return r0;
    }

    /** @return the weighted pair-gap error {@code G} */
    public double gap() {
        return g;
    }

    /** @return {@code G} at the starting codes */
    public double startGap() {
        return g0;
    }

    /** @return whether the layer before the last takes part */
    public boolean twoLayers() {
        return twoLayers;
    }

    /** @return the shape {@code [out, in]} of the layer before the last; only with {@link #twoLayers()} */
    public int[] penultimateShape() {
        return new int[] {hidden, inputs};
    }

    /** @return the shape {@code [out, in]} of the last layer */
    public int[] lastShape() {
        return new int[] {classes, hidden};
    }

    /** @return the current codes of the layer before the last (row-major), a copy; null with one layer */
    public byte[] penultimateCodes() {
        return codesA == null ? null : codesA.clone();
    }

    /** @return the current codes of the last layer (row-major), a copy */
    public byte[] lastCodes() {
        return codesB.clone();
    }

    /** @return the other choice's code of last-layer weight {@code (k, j)}, or the current one when it is fixed */
    private int otherB(int k, int j) {
        return other(gridB, floorB[k * hidden + j], codesB[k * hidden + j]);
    }

    private int otherA(int r, int j) {
        return other(gridA, floorA[r * inputs + j], codesA[r * inputs + j]);
    }

    private static int other(LayerGrid grid, int floor, int code) {
        int up = grid.upCode(floor);
        return code == floor ? up : code == up ? floor : code;
    }

    private static double value(LayerGrid grid, int r, int j, int code) {
        return grid.dequantize(r, j, code);
    }

    /**
     * @param k class (row of the last layer)
     * @param j hidden unit (column)
     * @return the change of {@link #value()} if weight {@code (k, j)} of the last layer flipped; 0 when fixed
     */
    public double deltaLast(int k, int j) {
        return last(k, j, false);
    }

    /** Flips weight {@code (k, j)} of the last layer. */
    public void flipLast(int k, int j) {
        last(k, j, true);
    }

    private double last(int k, int j, boolean apply) {
        int code = codesB[k * hidden + j];
        int alt = otherB(k, j);
        if (alt == code) {
            return 0;
        }
        double d = value(gridB, k, j, alt) - value(gridB, k, j, code);
        int hj = j * n;
        int ek = k * n;
        double cross = 0;
        double squares = 0;
        double dg = 0;
        for (int i = 0; i < n; i++) {
            double x = h[hj + i];
            if (x == 0) {
                continue;
            }
            cross += e2[ek + i] * x;
            squares += x * x;
            // the logit k moves by d x: the margin with it when k is c1 (+) or c2 (-)
            int s = (c1[i] == k ? 1 : 0) - (c2[i] == k ? 1 : 0);
            if (s != 0) {
                double delta = s * d * x;
                dg += w[i] * delta * (2 * (m[i] - mf[i]) + delta);
                if (apply) {
                    m[i] += delta;
                }
            }
            if (apply) {
                e2[ek + i] -= d * x;
            }
        }
        double dr = (-2 * d * cross + d * d * squares) / n;
        if (apply) {
            r += dr;
            rOut += dr;
            g += dg;
            codesB[k * hidden + j] = (byte) alt;
            qbT[j * classes + k] += d;
            readied = -1;
        }
        return dr / norm + lambda * dg / g0;
    }

    /**
     * Readies the flips of hidden unit {@code r}'s input weights: {@code v_n = sum_k E2_kn Q_B,kr} and the unit's
     * weight on each sample's pair gap. Call before {@link #deltaPenultimate} on a new row and after any last-layer
     * flip.
     *
     * @param unit the hidden unit (row of the layer before the last)
     */
    public void beginRow(int unit) {
        int qb = unit * classes;
        for (int i = 0; i < n; i++) {
            int s = ROW_STATE * i;
            rowState[s] = 0;
            rowState[s + 1] = qbT[qb + c1[i]] - qbT[qb + c2[i]];
            rowState[s + 2] = w[i];
            rowState[s + 3] = m[i] - mf[i];
        }
        readied = unit;
        for (int k = 0; k < classes; k++) {
            double q = qbT[unit * classes + k];
            if (q == 0) {
                continue;
            }
            int ek = k * n;
            for (int i = 0; i < n; i++) {
                rowState[ROW_STATE * i] += e2[ek + i] * q;
            }
        }
    }

    /**
     * @param unit hidden unit (row of the layer before the last), readied by {@link #beginRow}
     * @param j    input (column)
     * @return the change of {@link #value()} if weight {@code (unit, j)} flipped; 0 when fixed
     */
    public double deltaPenultimate(int unit, int j) {
        return penultimate(unit, j, false);
    }

    /** Flips weight {@code (unit, j)} of the layer before the last, readied by {@link #beginRow}. */
    public void flipPenultimate(int unit, int j) {
        penultimate(unit, j, true);
    }

    private double penultimate(int unit, int j, boolean apply) {
        if (unit != readied) {
            throw new IllegalStateException("hidden unit " + unit + "'s row is not readied (" + (readied < 0
                    ? "none is, or a last-layer flip came after beginRow" : "unit " + readied + "'s is")
                    + "). Maybe call beginRow(" + unit + ") first?");
        }
        int code = codesA[unit * inputs + j];
        int alt = otherA(unit, j);
        int[] index = xIndex[j];
        if (alt == code || index.length == 0) {
            return 0;
        }
        double d = value(gridA, unit, j, alt) - value(gridA, unit, j, code);
        double[] values = xValue[j];
        int row = unit * n;
        int qb = unit * classes;
        double q2 = 0;
        for (int k = 0; k < classes; k++) {
            q2 += qbT[qb + k] * qbT[qb + k];
        }
        double cross2 = 0;
        double squares2 = 0;
        double dg = 0;
        // No branch on whether the unit's output moves: where it does not, dh is 0 and every term adds exactly
        // nothing, and a branch on it, taken about half the time at random, cost 40 % of the pass's time.
        for (int t = 0; t < index.length; t++) {
            int i = index[t];
            int s = ROW_STATE * i;
            double dh = Math.max(pre[row + i] + d * values[t], 0) - h[row + i];
            cross2 += dh * rowState[s];
            squares2 += dh * dh;
            double delta = rowState[s + 1] * dh;
            dg += rowState[s + 2] * delta * (2 * rowState[s + 3] + delta);
        }
        double drOut = (-2 * cross2 + q2 * squares2) / n;
        // the hidden layer's own R: needed for J only when both layers are matched, and for the kept sum on a flip
        double dr = logitsOnly && !apply ? drOut : hiddenDelta(row, index, values, d, j) + drOut;
        if (apply) {
            for (int t = 0; t < index.length; t++) {
                int i = index[t];
                double dpre = d * values[t];
                double after = Math.max(pre[row + i] + dpre, 0);
                double dh = after - h[row + i];
                e1[row + i] -= dpre;
                pre[row + i] += dpre;
                if (dh == 0) {
                    continue;
                }
                h[row + i] = after;
                int s = ROW_STATE * i;
                m[i] += rowState[s + 1] * dh;
                rowState[s + 3] = m[i] - mf[i];
                rowState[s] -= dh * q2;
                for (int k = 0; k < classes; k++) {
                    e2[k * n + i] -= dh * qbT[qb + k];
                }
            }
            r += dr;
            rOut += drOut;
            g += dg;
            codesA[unit * inputs + j] = (byte) alt;
        }
        return (logitsOnly ? drOut : dr) / norm + lambda * dg / g0;
    }

    /** @return the change of the hidden layer's own {@code R} when weight {@code (unit, j)} moves by {@code d} */
    private double hiddenDelta(int row, int[] index, double[] values, double d, int j) {
        double cross1 = 0;
        for (int t = 0; t < index.length; t++) {
            cross1 += e1[row + index[t]] * values[t];
        }
        return (-2 * d * cross1 + d * d * xSquares[j]) / n;
    }

    /** @return {@code R} recomputed from the kept residuals (the check on the incremental sums) */
    public double fullReconstruction() {
        double[] parts = reconstructionByLayer();
        return parts[0] + parts[1];
    }

    /**
     * @return {@code R} of the layer before the last (0 with one layer) and of the last layer, recomputed from the
     *         kept residuals
     */
    public double[] reconstructionByLayer() {
        return new double[] {squares(e1) / n, squares(e2) / n};
    }

    private static double squares(double[] values) {
        double sum = 0;
        if (values != null) {
            for (double e : values) {
                sum += e * e;
            }
        }
        return sum;
    }

    /** @return {@code G} recomputed from the kept logit residuals (the check on the incremental pair gaps) */
    public double fullGap() {
        double[] logits = new double[zf.length];
        for (int a = 0; a < logits.length; a++) {
            logits[a] = zf[a] - e2[a];
        }
        return gap(logits);
    }

    /** @return {@code G} of the rounded logits {@code [class][sample]} */
    private double gap(double[] logits) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double gap = logits[c1[i] * n + i] - logits[c2[i] * n + i] - mf[i];
            sum += w[i] * gap * gap;
        }
        return sum;
    }

    /**
     * @param rounded the model whose last two weight layers take this objective's codes
     * @return the model with the current codes
     */
    public RoundedModel applyTo(RoundedModel rounded) {
        List<QuantizedLayer> layers = new ArrayList<>(rounded.quantized());
        int last = layers.size() - 1;
        layers.set(last, gridB.quantized(codesB.clone()));
        if (twoLayers) {
            layers.set(last - 1, gridA.quantized(codesA.clone()));
        }
        // RoundedModel.of replaces every weight layer's weights, so the rounded network serves as the source
        return RoundedModel.of(rounded.bits(), layers, rounded.network());
    }

    /** The parts of the objective that do not change with the codes or {@code lambda}. */
    public static final class Builder {
        private final int n;
        private final boolean twoLayers;
        private final int hidden;
        private final int inputs;
        private final int classes;
        private LayerGrid gridA;
        private final LayerGrid gridB;
        private int[] floorA;
        private final int[] floorB;
        private byte[] codesA;
        private final byte[] codesB;
        private int[][] xIndex;
        private double[][] xValue;
        private double[] xSquares;
        private final double[] pre;
        private final double[] h;
        private double[] e1;
        private final double[] e2;
        private final double[] z;
        private final double[] zf;
        private final double[] mf;
        private final double[] w;
        private final int[] c1;
        private final int[] c2;

        private Builder(Network floatNet, RoundedModel rounded, Dataset calibration, double temperature) {
            if (!(temperature > 0 && temperature <= 1)) {
                throw new InvalidInputException("temperature quantile " + temperature + " must be in (0, 1]. Maybe 1,"
                        + " T = the largest float margin?");
            }
            List<Integer> weightLayers = floatNet.weightLayers();
            int count = weightLayers.size();
            int iB = weightLayers.get(count - 1);
            twoLayers = count >= 2;
            int iA = twoLayers ? weightLayers.get(count - 2) : -1;
            OutputObjective.requireShape(floatNet);
            Network roundedNet = rounded.network();
            DenseLayer floatB = (DenseLayer) floatNet.layer(iB);
            n = calibration.size();
            classes = floatB.out();
            hidden = floatB.in();
            INDArray x = Matrices.of(calibration.scaledInputs(floatNet.scaling()), n, calibration.dimension());
            NetworkPass floatPass = NetworkPass.run(floatNet, x);
            NetworkPass roundedPass = NetworkPass.run(roundedNet, x);
            INDArray floatLogits = floatPass.logits();
            ClassPair pair = ClassPair.of(floatLogits);
            c1 = pair.first();
            c2 = pair.second();
            mf = pair.gaps(floatLogits);
            zf = columns(floatLogits, n, classes);
            w = sampleWeights(mf, temperature);
            // the codes' range is all a grid's spec adds to the stored scales here
            GridSpec spec = new GridSpec(rounded.bits(), ScaleMethod.ABSMAX, 0);
            QuantizedLayer qB = rounded.quantized().get(count - 1);
            gridB = LayerGrid.of(spec, qB.in(), qB.groupSize(), qB.scales());
            floorB = floors(gridB, floatB);
            codesB = qB.codes();
            DenseLayer roundedB = (DenseLayer) roundedNet.layer(iB);
            INDArray hq = roundedPass.input(iB);
            h = columns(hq, n, hidden);
            e2 = columns(floatPass.input(iB).mmul(Matrices.weight(floatB).transpose())
                    .sub(hq.mmul(Matrices.weight(roundedB).transpose())), n, classes);
            z = columns(roundedPass.logits(), n, classes);
            if (twoLayers) {
                DenseLayer floatA = (DenseLayer) floatNet.layer(iA);
                DenseLayer roundedA = (DenseLayer) roundedNet.layer(iA);
                inputs = floatA.in();
                QuantizedLayer qA = rounded.quantized().get(count - 2);
                gridA = LayerGrid.of(spec, qA.in(), qA.groupSize(), qA.scales());
                floorA = floors(gridA, floatA);
                codesA = qA.codes();
                INDArray xq = roundedPass.input(iA);
                INDArray product = xq.mmul(Matrices.weight(roundedA).transpose());
                pre = columns(product.addRowVector(Matrices.bias(roundedA)), n, hidden);
                e1 = columns(floatPass.input(iA).mmul(Matrices.weight(floatA).transpose()).sub(product), n, hidden);
                double[] xc = columns(xq, n, inputs);
                xIndex = new int[inputs][];
                xValue = new double[inputs][];
                xSquares = new double[inputs];
                for (int j = 0; j < inputs; j++) {
                    int nonzero = 0;
                    for (int i = 0; i < n; i++) {
                        nonzero += xc[j * n + i] != 0 ? 1 : 0;
                    }
                    xIndex[j] = new int[nonzero];
                    xValue[j] = new double[nonzero];
                    int at = 0;
                    for (int i = 0; i < n; i++) {
                        double value = xc[j * n + i];
                        if (value != 0) {
                            xIndex[j][at] = i;
                            xValue[j][at++] = value;
                            xSquares[j] += value * value;
                        }
                    }
                }
            } else {
                inputs = 0;
                pre = new double[0];
            }
        }

        /** @return the objective at the starting codes with this {@code lambda}, both layers' outputs matched */
        public OutputObjective at(double lambda) {
            return at(lambda, OutputMatching.LAYERS);
        }

        /**
         * @param lambda   the weight of {@code G / G_0}, at least 0
         * @param matching which reconstruction {@code G} is weighed against
         * @return the objective at the starting codes
         */
        public OutputObjective at(double lambda, OutputMatching matching) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new InvalidInputException("lambda " + lambda + " must be finite and at least 0.");
            }
            return new OutputObjective(this, lambda, matching);
        }

        /** @return the number of samples */
        public int samples() {
            return n;
        }

        private static void requireShape(Network net, int iA, int iB) {
            if (!(net.layer(iB) instanceof DenseLayer)) {
                throw new InvalidInputException("the output pass needs a dense last weight layer, not "
                        + net.layer(iB).spec() + ". Maybe drop --preset boundary-aware (or a study's output_pass) for"
                        + " this network?");
            }
            if (iA < 0) {
                return;
            }
            boolean reluBetween = iB - iA == 2 && net.layer(iA + 1) instanceof Relu;
            if (!(net.layer(iA) instanceof DenseLayer) || !reluBetween) {
                throw new InvalidInputException("the output pass needs its last two weight layers to be dense with"
                        + " one ReLU between them, not " + describe(net, iA, iB) + ". Maybe drop --preset"
                        + " boundary-aware (or a study's output_pass) for this network?");
            }
        }

        private static String describe(Network net, int from, int to) {
            StringBuilder s = new StringBuilder();
            for (int i = from; i <= to; i++) {
                Layer layer = net.layer(i);
                s.append(s.length() > 0 ? ", " : "").append(layer.spec());
            }
            return s.toString();
        }

        private static int[] floors(LayerGrid grid, DenseLayer layer) {
            int[] floor = new int[layer.out() * layer.in()];
            for (int r = 0; r < layer.out(); r++) {
                for (int j = 0; j < layer.in(); j++) {
                    floor[r * layer.in() + j] = grid.floorCode(r, j, layer.weight(r, j));
                }
            }
            return floor;
        }

        /** @return a row-major {@code [rows, cols]} matrix's values column by column ({@code [cols][rows]}) */
        private static double[] columns(INDArray matrix, int rows, int cols) {
            double[] values = Matrices.values(matrix);
            double[] out = new double[values.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out[j * rows + i] = values[i * cols + j];
                }
            }
            return out;
        }
    }
}
