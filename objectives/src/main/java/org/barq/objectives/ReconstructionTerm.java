package org.barq.objectives;

import org.barq.api.problem.RoundingProblem;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reconstruction term {@code R(u) = (1/N) || T - X_q W^^T ||_F^2} of one layer (FORMULATION §3.1), held as the
 * per-row quadratic forms in {@code H = X_q^T X_q} and {@code c_r = X_q^T t_r}. Immutable and shared by every copy
 * of an objective.
 *
 * <p>Full evaluations are taken relative to round-to-nearest's weights {@code w*}: with {@code e = w - w*},
 * {@code R_r(w) = R_r(w*) + (1/N) (e^T H e + 2 e^T g*_r)} where {@code g*_r = H w*_r - c_r}, and {@code R_r(w*)} is
 * computed directly from the residual {@code T - X_q W*^T}. This is the same quadratic, but it avoids the
 * cancellation of {@code t_r^T t_r} against {@code w^T H w} when {@code R} is small.
 */
final class ReconstructionTerm {
    private final int out;
    private final int in;
    private final int samples;
    /** {@code H} by rows: a flip's loop then indexes the gradient row and the {@code H} row alike (see move). */
    private final double[][] hessianRows;
    private final double[] diagonal;
    private final INDArray hessianMatrix;
    private final double[] nearestWeights;
    private final double[] nearestGradient;
    private final double[] nearestRows;

    private ReconstructionTerm(int out, int in, int samples, double[] hessian, double[] nearestWeights,
                               double[] nearestGradient, double[] nearestRows) {
        this.out = out;
        this.in = in;
        this.samples = samples;
        this.hessianRows = RoundingProblem.rows(hessian, in);
        this.diagonal = new double[in];
        for (int j = 0; j < in; j++) {
            diagonal[j] = hessian[j * in + j];
        }
        this.hessianMatrix = Matrices.of(hessian, in, in);
        this.nearestWeights = nearestWeights;
        this.nearestGradient = nearestGradient;
        this.nearestRows = nearestRows;
    }

    /**
     * @param inputs         {@code X_q}, {@code [N, in]} with {@code N >= 1}
     * @param targets        {@code T = X_f W^T}, {@code [N, out]}
     * @param nearestWeights round-to-nearest's dequantized weights {@code w*}, row-major {@code [out, in]}; kept
     * @return the term
     */
    static ReconstructionTerm of(INDArray inputs, INDArray targets, double[] nearestWeights) {
        int samples = inputs.rows();
        int in = inputs.columns();
        int out = targets.columns();
        double[] h = Matrices.values(Nd4j.gemm(inputs, inputs, true, false));
        // BLAS need not return an exactly symmetric X^T X; the incremental update reads row j as column j
        for (int a = 0; a < in; a++) {
            for (int b = a + 1; b < in; b++) {
                double mean = 0.5 * (h[a * in + b] + h[b * in + a]);
                h[a * in + b] = mean;
                h[b * in + a] = mean;
            }
        }
        INDArray nearest = Matrices.of(nearestWeights, out, in);
        INDArray residual = targets.sub(Nd4j.gemm(inputs, nearest, false, true));
        double[] r = Matrices.values(residual);
        double[] rows = new double[out];
        for (int x = 0; x < samples; x++) {
            for (int row = 0; row < out; row++) {
                double v = r[x * out + row];
                rows[row] += v * v;
            }
        }
        for (int row = 0; row < out; row++) {
            rows[row] /= samples;
        }
        // g* = W* H - C^T with C^T = T^T X_q, row r being H w*_r - c_r
        INDArray gradient = Nd4j.gemm(nearest, Matrices.of(h, in, in), false, false)
                .subi(Nd4j.gemm(targets, inputs, true, false));
        return new ReconstructionTerm(out, in, samples, h, nearestWeights, Matrices.values(gradient), rows);
    }

    /** @return {@code N} */
    int samples() {
        return samples;
    }

    /** @return {@code R(RTN)}, the per-row residuals at round-to-nearest summed in row order */
    double nearestValue() {
        double s = 0;
        for (double r : nearestRows) {
            s += r;
        }
        return s;
    }

    /** @return {@code H}, row-major {@code [in, in]}, a fresh array */
    double[] hessian() {
        double[] h = new double[in * in];
        for (int j = 0; j < in; j++) {
            System.arraycopy(hessianRows[j], 0, h, j * in, in);
        }
        return h;
    }

    /** @return {@code g*}, every row's {@code H w*_r - c_r}, row-major {@code [out, in]}; shared: callers must not write */
    double[] nearestGradient() {
        return nearestGradient;
    }

    /** @return round-to-nearest's weights {@code w*}, shared: callers must not write */
    double[] nearestWeights() {
        return nearestWeights;
    }

    /**
     * The change of {@code R_r} when {@code w^_rj} moves by {@code d}, in O(1).
     *
     * @param gradient {@code g_rj} before the move
     * @param j        the column
     * @param d        the move
     * @return {@code (1/N) (d^2 H_jj + 2 d g_rj)}
     */
    double delta(double gradient, int j, double d) {
        return (d * d * diagonal[j] + 2 * d * gradient) / samples;
    }

    /**
     * @return {@code (2/N) d H_jk e}: what moving {@code w^_rj} by {@code d} and {@code w^_rk} by {@code e} adds to
     *         the sum of their single deltas, for {@code j != k}
     */
    double cross(int j, double d, int k, double e) {
        return 2 * d * e * hessianRows[j][k] / samples;
    }

    /**
     * Applies the move of {@code w^_rj} by {@code d} to {@code g_r}: {@code g_r += d H[:, j]}, in O(in). Both arrays
     * are indexed from 0, which JDK 17's C2 compiles to vector instructions; with an offset into a row-major array
     * it does not (RowUpdateBenchmark: 3.0 against 7.6 GFMA/s, docs/performance.md section 8).
     *
     * @param gradientRow row {@code r} of {@code g}
     */
    void move(double[] gradientRow, int j, double d) {
        double[] h = hessianRows[j];
        for (int k = 0; k < in; k++) {
            gradientRow[k] += d * h[k];
        }
    }

    /**
     * Full evaluation at some weights.
     *
     * @param deviation {@code E = W^ - W*}, {@code [out, in]} double
     * @param rows      filled with {@code R_r}, one per row
     * @param gradient  filled with {@code g_r = H w^_r - c_r}, row-major {@code [out, in]}
     */
    void evaluate(INDArray deviation, double[] rows, double[] gradient) {
        double[] e = Matrices.values(deviation);
        double[] eh = Matrices.values(Nd4j.gemm(deviation, hessianMatrix, false, false));
        fill(e, eh, rows, gradient);
    }

    /**
     * Fills per-row values and gradients from {@code E} and {@code E H}: the shared arithmetic of the full and the
     * relaxed evaluations, which therefore apply the same formula.
     */
    void fill(double[] e, double[] eh, double[] rows, double[] gradient) {
        for (int r = 0; r < out; r++) {
            double sum = 0;
            for (int k = r * in, end = k + in; k < end; k++) {
                double g = nearestGradient[k] + eh[k];
                sum += e[k] * (eh[k] + 2 * nearestGradient[k]);
                gradient[k] = g;
            }
            rows[r] = nearestRows[r] + sum / samples;
        }
    }

    /**
     * Multiplies {@code E H} into a preallocated matrix, for the relaxed evaluation.
     *
     * @param deviation {@code E}, {@code [out, in]}
     * @param product   receives {@code E H}, {@code [out, in]}
     */
    void multiply(INDArray deviation, INDArray product) {
        Nd4j.gemm(deviation, hessianMatrix, product, false, false, 1.0, 0.0);
    }
}
