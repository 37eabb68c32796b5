package org.barq.objectives;

import org.barq.api.model.Network;
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
 */
final class FirstOrderGaps {
    private final int size;
    private final int out;
    private final INDArray inputs;
    private final double[] slopes;
    private final int[] columnStart;
    private final int[] columnSamples;
    private final double[] columnInputs;
    private final double[] slopeColumns;
    private final double[] nearestGaps;

    private FirstOrderGaps(INDArray inputs, double[] slopes, int out, double[] nearestGaps) {
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
     * @param layer      {@code l}'s index in the network's layer list (a dense layer)
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
        return new FirstOrderGaps(pass.input(layer), Matrices.values(slope), Network.matrixOf(state.layer(layer)).out(),
                gaps);
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
        double[] moved = Matrices.values(Nd4j.gemm(inputs, deviation, false, true));
        return addMoves(moved, new double[size]);
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
