package org.barq.evaluation.slice;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.model.InputScaling;
import org.barq.objectives.network.Matrices;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PCA slice plane {@code x(a, b) = mu + a sigma_1 v_1 + b sigma_2 v_2} (FORMULATION §5, §8), in the model's scaled
 * input space, sampled on a {@code G x G} grid with {@code a, b = linspace(-range, range, G)} (cell centres, ends
 * included; points are not clipped).
 *
 * <p>Cell {@code (row, col)} has {@code a = coordinates[col]} and {@code b = coordinates[row]}; its index in a label
 * array is {@code row * G + col}. Pictures draw row 0 at the bottom, so {@code b} grows upwards.
 *
 * <p>Sign of a component: an eigenvector is only defined up to its sign, so each {@code v_k} is turned so that its
 * entry of largest magnitude is positive (on a tie, the first such entry), which makes the plane reproducible.
 *
 * @param mean        {@code mu}, the mean of the set's scaled inputs, length {@code d}
 * @param first       {@code v_1}, unit length, the component of largest variance
 * @param second      {@code v_2}, unit length, the component of second largest variance
 * @param sigma1      population standard deviation (divide by {@code n}) of the projections on {@code v_1}
 * @param sigma2      population standard deviation of the projections on {@code v_2}
 * @param coordinates {@code linspace(-range, range, G)}, shared by {@code a} and {@code b}
 */
public record SlicePlane(double[] mean, double[] first, double[] second, double sigma1, double sigma2,
                         double[] coordinates) {

    /** Validates the lengths; arrays are copied. */
    public SlicePlane {
        if (mean.length != first.length || mean.length != second.length) {
            throw new InvalidInputException("slice plane has a mean of " + mean.length + " and components of "
                    + first.length + " and " + second.length + " values. Maybe mixed input widths?");
        }
        if (coordinates.length < 2) {
            throw new InvalidInputException("slice grid has " + coordinates.length + " points per side. Maybe G >= 2?");
        }
        mean = mean.clone();
        first = first.clone();
        second = second.clone();
        coordinates = coordinates.clone();
    }

    /**
     * Fits the plane to a set's scaled inputs: mean, covariance (divided by {@code n}) and its eigen-decomposition
     * with Commons Math; {@code v_1, v_2} are the eigenvectors of the two largest eigenvalues.
     *
     * @param x     scaled inputs, row-major {@code [n, d]}, {@code n >= 1}, {@code d >= 2}
     * @param n     samples
     * @param d     input width
     * @param grid  {@code G}
     * @param range {@code a, b} span {@code [-range, range]}
     * @return the plane
     */
    public static SlicePlane fit(double[] x, int n, int d, int grid, double range) {
        if (n < 1 || x.length != (long) n * d) {
            throw new InvalidInputException("slice plane needs samples: got " + n + " samples and " + x.length
                    + " values of width " + d + ". Maybe an empty split?");
        }
        if (d < 2) {
            throw new InvalidInputException("a 2-D slice needs at least 2 input features, the model has " + d + ".");
        }
        INDArray data = Matrices.of(x, n, d);
        INDArray mu = data.mean(0).reshape(1, d);
        INDArray centred = data.subRowVector(mu);
        INDArray covariance = centred.transpose().mmul(centred).divi(n);
        double[] cov = Matrices.values(covariance);
        double trace = 0.0;
        for (int i = 0; i < d; i++) {
            trace += cov[i * d + i];
        }
        // Commons Math's symmetric QL iteration fails to converge ("convergence failed") on covariances with many
        // zero eigenvalues (n < d, or constant pixels as in MNIST). C + shift I has the same eigenvectors in the same
        // order, and its eigenvalues lie in [shift, 2 shift], where the iteration's relative tests converge.
        double shift = trace > 0.0 ? trace : 1.0;
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(cov, i * d, rows[i], 0, d);
            rows[i][i] += shift;
            for (int j = 0; j < i; j++) {
                // X^T X is symmetric in exact arithmetic; make it so bit for bit, as the symmetric solver expects
                double s = 0.5 * (rows[i][j] + rows[j][i]);
                rows[i][j] = s;
                rows[j][i] = s;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(rows, false));
        double[] values = eigen.getRealEigenvalues();
        int top = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[top]) {
                top = i;
            }
        }
        int next = top == 0 ? 1 : 0;
        for (int i = 0; i < values.length; i++) {
            if (i != top && values[i] > values[next]) {
                next = i;
            }
        }
        double[] v1 = orient(eigen.getEigenvector(top).toArray());
        double[] v2 = orient(eigen.getEigenvector(next).toArray());
        double[] mean = Matrices.values(mu);
        return new SlicePlane(mean, v1, v2, projectionStd(centred, v1), projectionStd(centred, v2),
                linspace(-range, range, grid));
    }

    /**
     * @param set     the samples whose scaled inputs span the plane
     * @param scaling the float model's input scaling
     * @param grid    {@code G}
     * @param range   {@code a, b} span {@code [-range, range]}
     * @return the plane fitted to {@code set.scaledInputs(scaling)}
     */
    public static SlicePlane fit(Dataset set, InputScaling scaling, int grid, double range) {
        return fit(set.scaledInputs(scaling), set.size(), set.dimension(), grid, range);
    }

    private static double[] orient(double[] v) {
        double norm = 0.0;
        int largest = 0;
        for (int j = 0; j < v.length; j++) {
            norm += v[j] * v[j];
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        double factor = (v[largest] < 0 ? -1.0 : 1.0) / Math.sqrt(norm);
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * factor;
        }
        return out;
    }

    private static double projectionStd(INDArray centred, double[] v) {
        double[] p = Matrices.values(centred.mmul(Matrices.of(v, v.length, 1)));
        double sum = 0.0;
        for (double value : p) {
            sum += value * value;
        }
        return Math.sqrt(sum / p.length);
    }

    /**
     * numpy's {@code linspace(start, stop, count)}: {@code start + k step}, the last point exactly {@code stop}.
     *
     * @return {@code count >= 2} equally spaced values, ends included
     */
    public static double[] linspace(double start, double stop, int count) {
        if (count < 2) {
            throw new InvalidInputException("linspace needs at least 2 points, got " + count + ". Maybe G >= 2?");
        }
        double step = (stop - start) / (count - 1);
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = start + k * step;
        }
        out[count - 1] = stop;
        return out;
    }

    /** @return {@code mu}, a fresh copy */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** @return {@code v_1}, a fresh copy */
    @Override
    public double[] first() {
        return first.clone();
    }

    /** @return {@code v_2}, a fresh copy */
    @Override
    public double[] second() {
        return second.clone();
    }

    /** @return {@code linspace(-range, range, G)}, a fresh copy */
    @Override
    public double[] coordinates() {
        return coordinates.clone();
    }

    /** @return {@code G}, cells per side */
    public int grid() {
        return coordinates.length;
    }

    /** @return the input width {@code d} */
    public int dimension() {
        return mean.length;
    }

    /** @return the number of cells {@code G * G} */
    public int cells() {
        return coordinates.length * coordinates.length;
    }

    /**
     * The inverse of {@link #point} for points off the plane too: each sample's coordinates
     * {@code a = v_1 . (x - mu) / sigma_1}, {@code b = v_2 . (x - mu) / sigma_2}, in the units of
     * {@link #coordinates()} (0 along a component of no spread).
     *
     * @param x scaled inputs, row-major {@code [n, d]}
     * @param n samples
     * @return {@code [a_0, b_0, a_1, b_1, ...]}
     */
    public double[] project(double[] x, int n) {
        int d = mean.length;
        if (x.length != (long) n * d) {
            throw new InvalidInputException("cannot project " + x.length + " values as " + n + " samples of width " + d
                    + " onto the slice plane. Maybe another data set?");
        }
        double[] ab = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double a = 0.0;
            double b = 0.0;
            for (int j = 0; j < d; j++) {
                double centred = x[i * d + j] - mean[j];
                a += first[j] * centred;
                b += second[j] * centred;
            }
            ab[2 * i] = sigma1 > 0.0 ? a / sigma1 : 0.0;
            ab[2 * i + 1] = sigma2 > 0.0 ? b / sigma2 : 0.0;
        }
        return ab;
    }

    /**
     * @param row the {@code b} index
     * @param col the {@code a} index
     * @return the scaled input {@code x(a, b)} of that cell, a fresh array
     */
    public double[] point(int row, int col) {
        double a = coordinates[col] * sigma1;
        double b = coordinates[row] * sigma2;
        double[] p = new double[mean.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = mean[j] + a * first[j] + b * second[j];
        }
        return p;
    }
}
