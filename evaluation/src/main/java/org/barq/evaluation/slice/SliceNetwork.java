package org.barq.evaluation.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.model.Network;
import org.barq.objectives.network.LayerPass;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A network's weights in double, for labelling slice cells and for interpolating between two rounded models in double
 * (FORMULATION §5: {@code W(t) = (1 - t) W_low + t W_high}).
 *
 * <p>An MLP labels the {@code G x G} cells with a chain of matrix products, a block of grid rows at a time. Because
 * every cell lies in the plane, the first layer's pre-activation is
 * {@code (W_1 mu + b_1) + a W_1 sigma_1 v_1 + b W_1 sigma_2 v_2}: the same numbers as running the {@code [G*G, d]}
 * points through {@code W_1} (up to rounding), without forming that matrix (for {@code G = 200}, {@code d = 784} it
 * would hold 250 MB and cost 16 GFLOP). The later layers are one product each per block.
 *
 * <p>Any other network runs the cells, reshaped to its input image, through its own layer passes over these double
 * weights, in batches.
 */
public final class SliceNetwork {
    /** Cells per batch through a network that is not an MLP. */
    private static final int CELLS_PER_BATCH = 256;

    /**
     * About how many first-layer values an MLP's slice holds at once (32 MB of doubles): a block of grid rows at a
     * time, so that a fine grid costs time, not memory.
     */
    static final long BLOCK_VALUES = 1 << 22;

    private final Network layout;
    private final boolean mlp;
    private final List<INDArray> weights;
    private final List<INDArray> biases;

    /** What the cells' logits go through before they take their label: a correction, or the identity. */
    private final UnaryOperator<double[]> correction;

    private SliceNetwork(Network layout, List<INDArray> weights, List<INDArray> biases,
                         UnaryOperator<double[]> correction) {
        this.layout = layout;
        this.mlp = layout.asMlp().isPresent();
        this.weights = List.copyOf(weights);
        this.biases = List.copyOf(biases);
        this.correction = correction;
    }

    /**
     * @param correction the correction of the logits, applied before each cell takes its label
     * @return this network with the correction; a deployed model is its rounded network plus its correction
     */
    public SliceNetwork corrected(Optional<LogitCorrection> correction) {
        return mapped(correction.<UnaryOperator<double[]>>map(c -> c::apply).orElse(UnaryOperator.identity()));
    }

    /**
     * @param logits what the cells' logits go through before they take their label, row-major {@code [cells, K]}
     *               in and out
     * @return this network with that map in place of any correction it had
     */
    public SliceNetwork mapped(UnaryOperator<double[]> logits) {
        return new SliceNetwork(layout, weights, biases, logits);
    }

    /** @return each row's arg-max after the correction, if any; ties go to the lower class */
    private int[] labels(INDArray logits) {
        double[] z = correction.apply(Matrices.values(logits));
        return Matrices.rowArgMax(z, (int) logits.rows(), (int) logits.columns());
    }

    /** @return the network's weights and biases widened to double, one per weight layer */
    public static SliceNetwork of(Network network) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int i : network.weightLayers()) {
            w.add(Matrices.weight(Network.matrixOf(network.layer(i))));
            b.add(Matrices.bias(Network.matrixOf(network.layer(i))));
        }
        return new SliceNetwork(network, w, b, UnaryOperator.identity());
    }

    /**
     * @param low  the network at {@code t = 0}
     * @param high the network at {@code t = 1}, of the same shapes
     * @param t    the position, in {@code [0, 1]}
     * @return weights and biases {@code (1 - t) low + t high}; exactly {@code low} at 0 and {@code high} at 1
     */
    public static SliceNetwork interpolate(SliceNetwork low, SliceNetwork high, double t) {
        if (!(t >= 0.0 && t <= 1.0)) {
            throw new InvalidInputException("interpolation position t = " + t + " is outside [0, 1].");
        }
        low.requireSameShapes(high);
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < low.weights.size(); l++) {
            w.add(low.weights.get(l).mul(1.0 - t).addi(high.weights.get(l).mul(t)));
            b.add(low.biases.get(l).mul(1.0 - t).addi(high.biases.get(l).mul(t)));
        }
        return new SliceNetwork(low.layout, w, b, UnaryOperator.identity());
    }

    /**
     * @param other another network
     * @throws InvalidInputException if the layer shapes differ
     */
    public void requireSameShapes(SliceNetwork other) {
        boolean same = other.weights.size() == weights.size() && other.layout.spec().equals(layout.spec());
        for (int l = 0; same && l < weights.size(); l++) {
            same = java.util.Arrays.equals(weights.get(l).shape(), other.weights.get(l).shape());
        }
        if (!same) {
            throw new InvalidInputException("the two models have different layer shapes. Maybe they were rounded from"
                    + " different float models?");
        }
    }

    /** @return the input width */
    public int inputs() {
        return layout.input().size();
    }

    /**
     * @param plane the slice plane, of this network's input width
     * @return the label of every cell, index {@code row * G + col}; ties go to the lower class
     */
    public Slice slice(SlicePlane plane) {
        if (plane.dimension() != inputs()) {
            throw new InvalidInputException("slice plane has " + plane.dimension() + " dimensions but the model takes "
                    + inputs() + " inputs. Maybe the plane came from another data set?");
        }
        if (!mlp) {
            return new Slice(plane, throughPasses(plane));
        }
        int d = plane.dimension();
        int g = plane.grid();
        INDArray w1 = weights.get(0);
        int width = w1.rows();
        double[] v1 = plane.first();
        double[] v2 = plane.second();
        double[] basis = new double[2 * d];
        for (int j = 0; j < d; j++) {
            basis[j] = v1[j] * plane.sigma1();
            basis[d + j] = v2[j] * plane.sigma2();
        }
        double[] directions = Matrices.values(Matrices.of(basis, 2, d).mmul(w1.transpose()));
        double[] offset = Matrices.values(Matrices.of(plane.mean(), 1, d).mmul(w1.transpose()).addi(biases.get(0)));
        int[] labels = new int[g * g];
        int rowsPerBlock = Math.max(1, (int) Math.min(g, BLOCK_VALUES / ((long) g * width)));
        for (int top = 0; top < g; top += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, g - top);
            int[] block = labels(mlpLogits(plane.coordinates(), top, rows, directions, offset));
            System.arraycopy(block, 0, labels, top * g, block.length);
        }
        return new Slice(plane, labels);
    }

    /**
     * The logits of the cells of grid rows {@code top .. top + rows - 1}. The first layer is an outer sum over the
     * grid: {@code z[row, col] = (W_1 mu + b_1) + a_col W_1 sigma_1 v_1 + b_row W_1 sigma_2 v_2}; a loop does it in
     * one pass, where a {@code [cells, 2] x [2, h]} product is slow in BLAS. A block of rows at a time, so that the
     * memory stays near {@link #BLOCK_VALUES} doubles per layer whatever the grid.
     */
    private INDArray mlpLogits(double[] coords, int top, int rows, double[] directions, double[] offset) {
        int g = coords.length;
        int width = offset.length;
        boolean hidden = weights.size() > 1;
        double[] first = new double[rows * g * width];
        for (int row = 0; row < rows; row++) {
            double b = coords[top + row];
            for (int col = 0; col < g; col++) {
                int base = (row * g + col) * width;
                for (int u = 0; u < width; u++) {
                    double z = offset[u] + coords[col] * directions[u] + b * directions[width + u];
                    first[base + u] = hidden && z < 0.0 ? 0.0 : z;
                }
            }
        }
        INDArray z = Matrices.of(first, rows * g, width);
        for (int l = 1; l < weights.size(); l++) {
            z = z.mmul(weights.get(l).transpose()).addiRowVector(biases.get(l));
            if (l + 1 < weights.size()) {
                Transforms.relu(z, false);
            }
        }
        return z;
    }

    /** The cells as inputs, {@code mu + a sigma_1 v_1 + b sigma_2 v_2}, through the layer passes, a batch at a time. */
    private int[] throughPasses(SlicePlane plane) {
        List<Integer> weightLayers = layout.weightLayers();
        List<LayerPass> passes = NetworkPass.passes(layout, new NetworkPass.Parameters() {
            @Override
            public INDArray weight(int i) {
                return weights.get(weightLayers.indexOf(i));
            }

            @Override
            public INDArray bias(int i) {
                return biases.get(weightLayers.indexOf(i));
            }
        });
        int d = plane.dimension();
        int g = plane.grid();
        double[] coords = plane.coordinates();
        double[] mean = plane.mean();
        double[] v1 = plane.first();
        double[] v2 = plane.second();
        int[] labels = new int[g * g];
        for (int start = 0; start < g * g; start += CELLS_PER_BATCH) {
            int count = Math.min(CELLS_PER_BATCH, g * g - start);
            double[] points = new double[count * d];
            for (int c = 0; c < count; c++) {
                double a = coords[(start + c) % g] * plane.sigma1();
                double b = coords[(start + c) / g] * plane.sigma2();
                for (int j = 0; j < d; j++) {
                    points[c * d + j] = mean[j] + a * v1[j] + b * v2[j];
                }
            }
            int[] batch = labels(NetworkPass.through(passes, Matrices.of(points, count, d)).logits());
            System.arraycopy(batch, 0, labels, start, count);
        }
        return labels;
    }
}
