package org.barq.corrections.cat;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.barq.api.correction.LogitCorrection;

/**
 * The PCA of the rounded logits that CAT may cluster in: the top {@code d} eigenvectors of their covariance, each
 * signed so that its largest-magnitude entry is positive (an eigenvector's sign is arbitrary, and the file must not
 * depend on it).
 */
final class LogitPca {
    private LogitPca() {
    }

    static LogitCorrection.Projection fit(double[] z, int n, int k, int d) {
        double[] mean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                mean[j] += z[i * k + j];
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[k][k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                double da = z[i * k + a] - mean[a];
                for (int b = 0; b < k; b++) {
                    cov[a][b] += da * (z[i * k + b] - mean[b]);
                }
            }
        }
        for (double[] row : cov) {
            for (int b = 0; b < k; b++) {
                row[b] /= n;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -values[j]).thenComparingInt(j -> j));
        float[] components = new float[d * k];
        for (int a = 0; a < d; a++) {
            RealVector v = eigen.getEigenvector(order[a]);
            int largest = 0;
            for (int j = 1; j < k; j++) {
                if (Math.abs(v.getEntry(j)) > Math.abs(v.getEntry(largest))) {
                    largest = j;
                }
            }
            double sign = v.getEntry(largest) < 0 ? -1.0 : 1.0;
            for (int j = 0; j < k; j++) {
                components[a * k + j] = (float) (sign * v.getEntry(j));
            }
        }
        float[] meanF = new float[k];
        for (int j = 0; j < k; j++) {
            meanF[j] = (float) mean[j];
        }
        return new LogitCorrection.Projection(meanF, components);
    }
}
