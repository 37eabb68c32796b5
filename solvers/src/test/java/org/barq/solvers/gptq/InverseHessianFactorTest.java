package org.barq.solvers.gptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.barq.api.InvalidInputException;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** The LAPACK factor against the reference construction (two Cholesky factorisations and an inverse, Commons Math). */
class InverseHessianFactorTest {
    static double[] correlatedHessian(int in, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[samples * in];
        for (int n = 0; n < samples; n++) {
            double shared = random.nextGaussian();
            for (int j = 0; j < in; j++) {
                x[n * in + j] = 0.8 * shared + random.nextGaussian();
            }
        }
        double[] h = new double[in * in];
        for (int n = 0; n < samples; n++) {
            for (int j = 0; j < in; j++) {
                for (int k = 0; k < in; k++) {
                    h[j * in + k] += x[n * in + j] * x[n * in + k];
                }
            }
        }
        return h;
    }

    /** GPTQ's reference: U = chol(inverse(H + delta I))^T, upper, after the same normalisation. */
    static double[][] reference(double[] hessian, int in, double damp) {
        double mean = 0;
        for (int j = 0; j < in; j++) {
            mean += hessian[j * in + j] / in;
        }
        double delta = damp * mean;
        double[][] h = new double[in][in];
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < in; k++) {
                h[j][k] = hessian[j * in + k] / (mean + delta) + (j == k ? delta / (mean + delta) : 0);
            }
        }
        double[][] inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(h)).getSolver().getInverse()
                .getData();
        for (int j = 0; j < in; j++) {
            for (int k = j + 1; k < in; k++) {
                double m = 0.5 * (inverse[j][k] + inverse[k][j]);
                inverse[j][k] = m;
                inverse[k][j] = m;
            }
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(inverse)).getLT().getData();
    }

    @Test
    void equalsTheReferenceFactor() {
        int in = 60;
        double[] h = correlatedHessian(in, 200, 1);
        double[] u = InverseHessianFactor.upper(h, in, 0.01);
        double[][] expected = reference(h, in, 0.01);
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < in; k++) {
                assertEquals(expected[j][k], u[j * in + k], 1e-9 * Math.abs(expected[j][j]), "U[" + j + ", " + k + "]");
            }
        }
    }

    @Test
    void theSameBitsWhateverTheCallersOpenBlasThreads() {
        int in = 600;
        double[] h = correlatedHessian(in, 700, 2);
        Blas blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        try {
            blas.setMaxThreads(1);
            double[] one = InverseHessianFactor.upper(h, in, 0.01);
            blas.setMaxThreads(2);
            double[] two = InverseHessianFactor.upper(h, in, 0.01);
            assertArrayEquals(one, two);
        } finally {
            blas.setMaxThreads(threads);
        }
    }

    @Test
    void anIndefiniteHessianRaisesTheDampingInsteadOfFailing() {
        int in = 8;
        double[] h = correlatedHessian(in, 20, 3);
        h[0] = -0.5 * h[0];
        InverseHessianFactor.Factor factor = InverseHessianFactor.factor(h, in, 0.01);
        assertTrue(factor.damp() > 0.01, "damping " + factor.damp());
        assertEquals(0.01, InverseHessianFactor.factor(correlatedHessian(in, 20, 3), in, 0.01).damp());
        double[] broken = new double[in * in];
        broken[0] = Double.NaN;
        String m = assertThrows(InvalidInputException.class, () -> InverseHessianFactor.factor(broken, in, 0.01))
                .getMessage();
        assertTrue(m.contains("not positive definite") && m.contains("Maybe"), m);
    }
}
