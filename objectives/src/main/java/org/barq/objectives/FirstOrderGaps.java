package org.barq.objectives;

import org.barq.api.model.Conv2d;
import org.barq.api.model.Network;
import org.barq.objectives.network.Im2col;
import org.barq.objectives.network.NetworkPass;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first-order model of the band's pair gaps in the weights of layer {@code l} (FORMULATION §3.2, §8):
 * {@code m(x; u) = m_0(x) + sum_rj a_xr h_xj (w^_rj - w^0_rj)}, where {@code m_0}, {@code a_x} and {@code h_x} are
 * taken at a network state whose layer {@code l} is at round-to-nearest. {@code a_x = d m / d z_l} is
 * back-propagated through the layers above {@code l} with ReLU'(0) = 0; for the last layer it is exactly
 * {@code e_c1 - e_c2}, and the model is exact. Immutable and shared by every copy of an objective; the arrays it
 * hands out are shared and must not be written.
 *
 * <p>A conv layer's weight {@code w_rj} acts at every output position {@code p}, so a sample's gap moves by
 * {@code C_x[r, j] = sum_p a_xrp P_xpj} per unit of {@code w_rj}, with {@code P_x} the sample's im2col patches: the
 * sum over positions of dense layers' {@code a_xr h_xj}. That is not one outer product per sample any more, so a conv
 * layer keeps {@code C_x} itself ({@link #coefficients()}).
 */
final class FirstOrderGaps {
    private final int size;
    private final int out;
    private final int in;
    private final INDArray inputs;
    private final double[] slopes;
    private final int[] columnStart;
    private final int[] columnSamples;
    private final double[] columnInputs;
    private final double[] slopeColumns;
    private final double[] nearestGaps;
    private final INDArray coefficientRows;
    private final double[] coefficients;

    /** A conv layer's model: {@code C_x} as the rows of {@code [|B|, out*in]}. */
    private FirstOrderGaps(INDArray coefficientRows, int out, double[] nearestGaps) {
        this.size = (int) coefficientRows.rows();
        this.out = out;
        this.nearestGaps = nearestGaps;
        this.coefficientRows = coefficientRows;
        this.in = (int) coefficientRows.columns() / out;
        this.coefficients = transpose(Matrices.values(coefficientRows), size, (int) coefficientRows.columns());
        this.inputs = null;
        this.slopes = null;
        this.columnStart = null;
        this.columnSamples = null;
        this.columnInputs = null;
        this.slopeColumns = null;
    }

    private FirstOrderGaps(INDArray inputs, double[] slopes, int out, double[] nearestGaps) {
        this.coefficientRows = null;
        this.coefficients = null;
        this.in = (int) inputs.columns();
        this.size = inputs.rows();
        this.out = out;
        this.inputs = inputs;
        this.slopes = slopes;
        this.nearestGaps = nearestGaps;
        double[] inputColumns = transpose(Matrices.values(inputs), size, inputs.columns());
        this.slopeColumns = transpose(slopes, size, out);
        int in = inputs.columns();
        this.columnStart = new int[in + 1];
        int nonZero = 0;
        for (double h : inputColumns) {
            nonZero += h != 0 ? 1 : 0;
        }
        this.columnSamples = new int[nonZero];
        this.columnInputs = new double[nonZero];
        int k = 0;
        for (int j = 0; j < in; j++) {
            columnStart[j] = k;
            for (int x = 0; x < size; x++) {
                double h = inputColumns[j * size + x];
                if (h != 0) {
                    columnSamples[k] = x;
                    columnInputs[k++] = h;
                }
            }
        }
        columnStart[in] = k;
    }

    /**
     * @param state      the network at the starting point: the rounded layers below {@code layer}, layer
     *                   {@code layer} at round-to-nearest, float layers above
     * @param layer      {@code l}'s index in the network's layer list (a dense or conv layer)
     * @param bandInputs the band samples' scaled inputs, {@code [|B|, d]}, {@code |B| >= 1}
     * @param first      {@code c1} of each band sample
     * @param second     {@code c2} of each band sample
     * @return the model: {@code h_x} = layer {@code l}'s input at {@code x}, {@code a_x}, {@code m_0(x)}
     */
    static FirstOrderGaps at(Network state, int layer, INDArray bandInputs, int[] first, int[] second) {
        NetworkPass pass = NetworkPass.run(state, bandInputs);
        int size = bandInputs.rows();
        int classes = state.classes();
        double[] z = Matrices.values(pass.logits());
        double[] gaps = new double[size];
        double[] seed = new double[size * classes];
        for (int x = 0; x < size; x++) {
            gaps[x] = z[x * classes + first[x]] - z[x * classes + second[x]];
            seed[x * classes + first[x]] = 1;
            seed[x * classes + second[x]] = -1;
        }
        // a_x: the pair gap's gradient at layer l's output
        INDArray slope = pass.gradientAtOutputOf(layer, Matrices.of(seed, size, classes));
        int out = Network.matrixOf(state.layer(layer)).out();
        if (state.layer(layer) instanceof Conv2d conv) {
            return new FirstOrderGaps(convCoefficients(new Im2col(conv, state.shapeBefore(layer)),
                    pass.input(layer), slope, out), out, gaps);
        }
        return new FirstOrderGaps(pass.input(layer), Matrices.values(slope), out, gaps);
    }

    /** @return {@code C_x = A_x P_x} for every band sample: {@code A_x} its {@code [out, positions]} slopes */
    private static INDArray convCoefficients(Im2col im2col, INDArray input, INDArray slope, int out) {
        int size = (int) input.rows();
        int positions = im2col.positions();
        int in = im2col.columns();
        double[] patches = im2col.patches(Matrices.values(input), size);
        double[] slopes = Matrices.values(slope);
        double[] c = new double[size * out * in];
        for (int x = 0; x < size; x++) {
            INDArray a = Matrices.of(java.util.Arrays.copyOfRange(slopes, x * out * positions,
                    (x + 1) * out * positions), out, positions);
            INDArray p = Matrices.of(java.util.Arrays.copyOfRange(patches, x * positions * in,
                    (x + 1) * positions * in), positions, in);
            System.arraycopy(Matrices.values(a.mmul(p)), 0, c, x * out * in, out * in);
        }
        return Matrices.of(c, size, out * in);
    }

    private static double[] transpose(double[] rowMajor, int rows, int cols) {
        double[] t = new double[rowMajor.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = rowMajor[i * cols + j];
            }
        }
        return t;
    }

    /** @return {@code |B|} */
    int size() {
        return size;
    }

    /** @return {@code m_0}, one per band sample; shared */
    double[] nearestGaps() {
        return nearestGaps;
    }

    /** @return {@code a_xr} at {@code [r * |B| + x]}; shared */
    double[] slopeColumns() {
        return slopeColumns;
    }

    /**
     * The non-zero {@code h_xj} of each column, in ascending {@code x}: a flip of a weight in column {@code j} moves
     * only these samples' gaps. Inputs after a ReLU, and MNIST's pixels, are mostly zero, so this is a few times
     * shorter than {@code |B|}.
     *
     * @return the start of column {@code j}'s entries in {@link #columnSamples()} and {@link #columnInputs()} at
     *         {@code [j]}, their end at {@code [j + 1]}; shared
     */
    int[] columnStart() {
        return columnStart;
    }

    /** @return the band sample {@code x} of each non-zero entry, column by column; shared */
    int[] columnSamples() {
        return columnSamples;
    }

    /** @return the value {@code h_xj} of each non-zero entry, column by column; shared */
    double[] columnInputs() {
        return columnInputs;
    }

    /** @return {@code a_xr} at {@code [x * out + r]}; shared */
    double[] slopeRows() {
        return slopes;
    }

    /** @return {@code h_x} as the rows of a {@code [|B|, in]} matrix; shared */
    INDArray inputs() {
        return inputs;
    }

    /**
     * @return a conv layer's {@code C_x[r, j]} at {@code [(r * in + j) * |B| + x]}, so that one weight's samples are
     *         contiguous; null for a dense layer, whose gaps move by {@code a_xr h_xj}; shared
     */
    double[] coefficients() {
        return coefficients;
    }

    /** @return the layer's columns: its input width, or a conv layer's {@code in*kh*kw} */
    int in() {
        return in;
    }

    /** @return the layer's output width */
    int out() {
        return out;
    }

    /**
     * Full evaluation: {@code m(x) = m_0(x) + a_x^T (E h_x)} for every band sample.
     *
     * @param deviation {@code E = W^ - W^0}, {@code [out, in]}
     * @return the gaps, one per band sample
     */
    double[] gaps(INDArray deviation) {
        if (coefficientRows != null) {
            double[] moved = Matrices.values(coefficientRows.mmul(deviation.reshape('c', deviation.length(), 1)));
            double[] gaps = new double[size];
            for (int x = 0; x < size; x++) {
                gaps[x] = nearestGaps[x] + moved[x];
            }
            return gaps;
        }
        double[] moved = Matrices.values(Nd4j.gemm(inputs, deviation, false, true));
        return addMoves(moved, new double[size]);
    }

    /**
     * A conv layer's {@code dG / dW = sum_x s_x C_x}.
     *
     * @param weights {@code s_x}, one per band sample
     * @return {@code [out * in]}, row-major
     */
    double[] weightedCoefficients(double[] weights) {
        return Matrices.values(Nd4j.gemm(Matrices.of(weights, 1, size), coefficientRows, false, false));
    }

    /**
     * @param moved {@code (h_x^T E^T)_r} at {@code [x * out + r]}
     * @param gaps  receives {@code m_0(x) + sum_r a_xr moved[x, r]}
     * @return {@code gaps}
     */
    double[] addMoves(double[] moved, double[] gaps) {
        for (int x = 0; x < size; x++) {
            double m = nearestGaps[x];
            for (int k = x * out, end = k + out; k < end; k++) {
                m += slopes[k] * moved[k];
            }
            gaps[x] = m;
        }
        return gaps;
    }
}
