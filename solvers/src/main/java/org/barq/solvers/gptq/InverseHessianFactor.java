package org.barq.solvers.gptq;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dtrtri;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import org.barq.api.InvalidInputException;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPTQ's factor of the inverse Hessian: {@code U} upper triangular with {@code U^T U = (H + delta I)^-1}, where
 * {@code delta = damp * mean(diag H)} (dead columns, {@code H_jj = 0}, are left with just {@code delta}). Row {@code j}
 * of {@code U} tells how the error of column {@code j} spreads to the later columns: by
 * {@code U[j, k] / U[j, j]}.
 *
 * <p>One Cholesky factorisation and one triangular inverse in LAPACK (OpenBLAS, the library under ND4J), instead of
 * the two factorisations and the inverse that the reference code makes: with {@code J} the reversal of the columns,
 * {@code J H J = L L^T} gives {@code U = J L^-1 J}, since then {@code U^T U = J (L L^T)^-1 J = H^-1}, and
 * {@code U} is upper triangular with a positive diagonal, so it is the factor. {@code H} is symmetrised and divided by
 * its damped mean diagonal first; the ratios GPTQ uses do not depend on that scale.
 */
final class InverseHessianFactor {
    /** How much the damping grows each time the damped {@code H} is still not positive definite. */
    static final double DAMP_GROWTH = 10;
    /** The damping at which barq gives up: then {@code H} is mostly damping and GPTQ would spread nothing useful. */
    static final double MAX_DAMP = 100;

    private static final Object LAPACK_LOCK = new Object();

    /**
     * @param upper the factor {@code U}, row-major {@code [in, in]}, zero below the diagonal
     * @param damp  the damping that made {@code H} positive definite: the one asked for, or a larger one
     */
    record Factor(double[] upper, double damp) {
    }

    private InverseHessianFactor() {
    }

    /**
     * @param hessian row-major {@code [in, in]}, symmetric positive semi-definite up to rounding
     * @param in      the number of columns
     * @param damp    the relative damping, positive
     * @return {@code U}, row-major {@code [in, in]}, zero below the diagonal
     * @throws InvalidInputException when even the largest damping leaves {@code H} not positive definite
     */
    static double[] upper(double[] hessian, int in, double damp) {
        return factor(hessian, in, damp).upper();
    }

    /**
     * Factors {@code H} with the damping asked for and, when the damped {@code H} is not positive definite (rounding
     * in a nearly singular {@code H}), again with ten times as much, up to {@value #MAX_DAMP}.
     *
     * @return the factor and the damping it took
     */
    static Factor factor(double[] hessian, int in, double damp) {
        for (double d = damp; d <= MAX_DAMP * (1 + 1e-12); d *= DAMP_GROWTH) {
            double[] u = tryFactor(hessian, in, d);
            if (u != null) {
                return new Factor(u, d);
            }
        }
        throw new InvalidInputException("gptq: H plus damping up to " + MAX_DAMP + " * mean(diag H) is not positive"
                + " definite. Maybe the calibration inputs of this layer are all zero or not finite?");
    }

    /**
     * OpenBLAS's factorisation gives other bits with two threads than with one (InverseHessianFactorTest), so it
     * runs on one: the same seed must give the same codes on any machine. Serialised, so that concurrent layers
     * do not restore each other's thread count wrongly. One thread factors 4096 x 4096 in seconds.
     *
     * @return whether {@code L^-1}, lower, now stands in {@code a}; false when it is not positive definite
     */
    private static boolean factorInPlace(double[] a, int in) {
        synchronized (LAPACK_LOCK) {
            Blas blas = Nd4j.factory().blas();
            int threads = blas.getMaxThreads();
            blas.setMaxThreads(1);
            try {
                return LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'L', in, a, in) == 0
                        && LAPACKE_dtrtri(LAPACK_ROW_MAJOR, (byte) 'L', (byte) 'N', in, a, in) == 0;
            } finally {
                blas.setMaxThreads(threads);
            }
        }
    }

    /** @return {@code U}, or null when the damped {@code H} is not positive definite */
    private static double[] tryFactor(double[] hessian, int in, double damp) {
        double meanDiagonal = 0;
        for (int j = 0; j < in; j++) {
            meanDiagonal += hessian[j * in + j];
        }
        meanDiagonal /= in;
        double delta = meanDiagonal > 0 ? damp * meanDiagonal : damp;
        double norm = meanDiagonal > 0 ? meanDiagonal + delta : 1.0;
        int last = in - 1;
        double[] reversed = new double[in * in];
        for (int j = 0; j < in; j++) {
            for (int k = 0; k <= j; k++) {
                double v = 0.5 * (hessian[j * in + k] + hessian[k * in + j]) / norm + (j == k ? delta / norm : 0);
                if (!Double.isFinite(v)) {
                    return null;
                }
                reversed[(last - j) * in + (last - k)] = v;
                reversed[(last - k) * in + (last - j)] = v;
            }
        }
        if (!factorInPlace(reversed, in)) {
            return null;
        }
        double[] upper = new double[in * in];
        for (int j = 0; j < in; j++) {
            for (int k = j; k < in; k++) {
                upper[j * in + k] = reversed[(last - j) * in + (last - k)];
            }
        }
        return upper;
    }
}
