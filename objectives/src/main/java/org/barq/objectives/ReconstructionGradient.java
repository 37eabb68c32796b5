package org.barq.objectives;

import org.barq.objectives.network.MatrixBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reconstruction part of {@link DefaultLayerObjective#relaxedGradient}: {@code dR/dh} scaled into {@code J},
 * with {@code E H} over the live columns only.
 *
 * <p>A column {@code j} whose calibration inputs are all zero has {@code H[j][.] = H[.][j] = 0} exactly, so it
 * neither adds to the product nor receives anything from it. MNIST's first layer has 162 such pixels of 784 in its
 * 1280 calibration samples: leaving them out saves a third of the multiply-adds. The product stays in double:
 * OpenBLAS's float32 product, twice as fast, gives different bits for different thread counts, and barq's results
 * must not. The per-variable constants are float32, which halves the memory the two elementwise passes stream
 * through (they, not the arithmetic, bound those passes); RelaxedValueTest holds the result to {@code 1e-6} of the
 * double gradient's largest entry, as the contract allows.
 */
final class ReconstructionGradient {
    private final int[] slot;
    private final float[] offset;
    private final float[] step;
    private final float[] constant;
    private final float[] slope;
    private final INDArray hessian;
    private final MatrixBuffer deviation;
    private final MatrixBuffer product;

    /**
     * With {@code e_v = offset_v + h_v step_v} the deviation of variable {@code v}'s weight from its nearest value
     * and {@code g} the gradient of {@code R} in the weights, the result is
     * {@code dJ/dh_v = scale * step_v * (g*_v + (E H)_v)}.
     *
     * @param out             the layer's rows
     * @param in              the layer's columns
     * @param hessian         {@code H}, row-major {@code [in, in]}
     * @param row             per variable, its row
     * @param col             per variable, its column
     * @param offset          per variable, its down value minus its nearest value
     * @param step            per variable, its up value minus its down value
     * @param nearestGradient per variable, {@code g*} at its weight
     * @param scale           {@code dJ/dR} times the 2/N of {@code dR/dw}
     */
    ReconstructionGradient(int out, int in, double[] hessian, int[] row, int[] col, double[] offset, double[] step,
                            double[] nearestGradient, double scale) {
        int[] position = new int[in];
        int live = 0;
        for (int j = 0; j < in; j++) {
            position[j] = hessian[j * in + j] > 0 ? live++ : -1;
        }
        int n = row.length;
        this.slot = new int[n];
        this.offset = new float[n];
        this.step = new float[n];
        this.constant = new float[n];
        this.slope = new float[n];
        for (int v = 0; v < n; v++) {
            int p = position[col[v]];
            slot[v] = p < 0 ? -1 : row[v] * live + p;
            this.offset[v] = (float) offset[v];
            this.step[v] = (float) step[v];
            constant[v] = (float) (scale * step[v] * nearestGradient[v]);
            slope[v] = (float) (scale * step[v]);
        }
        if (live == 0) {
            // ND4J has no use for empty matrices: with no live column the product is nothing
            this.hessian = null;
            this.deviation = null;
            this.product = null;
            return;
        }
        double[] compact = new double[live * live];
        for (int a = 0; a < in; a++) {
            for (int b = 0; b < in; b++) {
                if (position[a] >= 0 && position[b] >= 0) {
                    compact[position[a] * live + position[b]] = hessian[a * in + b];
                }
            }
        }
        this.hessian = Nd4j.create(compact, new long[] {live, live}, 'c');
        this.deviation = new MatrixBuffer(out, live);
        this.product = new MatrixBuffer(out, live);
    }

    /**
     * Entries of {@code E} that belong to no variable stay 0: such weights sit at their nearest value.
     *
     * @param h    one value in [0, 1] per variable
     * @param dJdh filled with the reconstruction's share of {@code dJ/dh}
     */
    void gradient(double[] h, double[] dJdh) {
        if (hessian == null) {
            for (int v = 0; v < h.length; v++) {
                dJdh[v] = constant[v];
            }
            return;
        }
        double[] e = deviation.values();
        for (int v = 0; v < h.length; v++) {
            int s = slot[v];
            if (s >= 0) {
                e[s] = offset[v] + h[v] * step[v];
            }
        }
        deviation.upload();
        Nd4j.gemm(deviation.matrix(), hessian, product.matrix(), false, false, 1.0, 0.0);
        product.download();
        double[] eh = product.values();
        for (int v = 0; v < h.length; v++) {
            int s = slot[v];
            dJdh[v] = s >= 0 ? constant[v] + slope[v] * eh[s] : constant[v];
        }
    }
}
