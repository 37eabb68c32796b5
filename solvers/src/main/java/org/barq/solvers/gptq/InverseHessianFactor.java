package org.barq.solvers.gptq;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSquareMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.barq.api.InvalidInputException;

/**
 * GPTQ's factor of the inverse Hessian: {@code U} upper triangular with {@code U^T U = (H + delta I)^-1}, where
 * {@code delta = damp * mean(diag H)} (dead columns, {@code H_jj = 0}, are left with just {@code delta}). Row {@code j}
 * of {@code U} tells how the error of column {@code j} spreads to the later columns: by
 * {@code U[j, k] / U[j, j]}.
 *
 * <p>{@code H} is symmetrised and divided by its damped mean diagonal before the Cholesky factorisations; the ratios
 * GPTQ uses are invariant to that scale, and it keeps Commons Math's absolute positivity threshold meaningful for
 * any number of samples.
 */
final class InverseHessianFactor {
    private InverseHessianFactor() {
    }

    /**
     * @param hessian row-major {@code [in, in]}, symmetric positive semi-definite up to rounding
     * @param in      the number of columns
     * @param damp    the relative damping, positive
     * @return {@code U}, row-major {@code [in, in]}, zero below the diagonal
     * @throws InvalidInputException when the damped {@code H} is not positive definite
     */
    static double[] upper(double[] hessian, int in, double damp) {
        double meanDiagonal = 0;
        for (int j = 0; j < in; j++) {
            meanDiagonal += hessian[j * in + j];
        }
        meanDiagonal /= in;
        double delta = meanDiagonal > 0 ? damp * meanDiagonal : damp;
        double norm = meanDiagonal > 0 ? meanDiagonal + delta : 1.0;
        double[][] h = new double[in][in];
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < in; k++) {
                h[j][k] = 0.5 * (hessian[j * in + k] + hessian[k * in + j]) / norm;
            }
            h[j][j] += delta / norm;
        }
        try {
            RealMatrix inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false)).getSolver().getInverse();
            double[][] sym = inverse.getData();
            for (int j = 0; j < in; j++) {
                for (int k = j + 1; k < in; k++) {
                    double m = 0.5 * (sym[j][k] + sym[k][j]);
                    sym[j][k] = m;
                    sym[k][j] = m;
                }
            }
            double[][] upper = new CholeskyDecomposition(new Array2DRowRealMatrix(sym, false)).getLT().getData();
            double[] flat = new double[in * in];
            for (int j = 0; j < in; j++) {
                System.arraycopy(upper[j], 0, flat, j * in, in);
            }
            return flat;
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException | NonSquareMatrixException e) {
            throw new InvalidInputException("gptq: H plus damping " + damp + " * mean(diag H) is not positive "
                    + "definite (" + e.getMessage() + "). Maybe raise the damp option, e.g. damp=0.1?", e);
        }
    }
}
