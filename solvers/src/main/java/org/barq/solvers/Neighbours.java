package org.barq.solvers;

/**
 * For each input {@code j}, the inputs {@code k != j} most correlated with it in the calibration data,
 * {@code |H_jk| / sqrt(H_jj H_kk)}, strongest first: where a 2-flip move can beat two single flips, since the
 * cross term of a pair is {@code 2 d_j d_k H_jk / N}. Inputs that are always zero have no neighbours.
 */
public final class Neighbours {
    private final int[][] of;
    private final double[][] hessianOf;

    private Neighbours(int[][] of, double[][] hessianOf) {
        this.of = of;
        this.hessianOf = hessianOf;
    }

    /**
     * @param hessian {@code H}, row-major {@code [in, in]}
     * @param in      inputs
     * @param count   neighbours per input, at most {@code in - 1}
     * @return the neighbourhoods; ties go to the lower index, so the result does not depend on anything but H
     */
    public static Neighbours of(double[] hessian, int in, int count) {
        int k = Math.min(count, in - 1);
        int[][] of = new int[in][];
        double[][] hessianOf = new double[in][];
        for (int j = 0; j < in; j++) {
            double hjj = hessian[j * in + j];
            int[] best = new int[k];
            double[] bestStrength = new double[k];
            int size = 0;
            for (int c = 0; c < in; c++) {
                double hcc = hessian[c * in + c];
                if (c == j || !(hjj > 0) || !(hcc > 0)) {
                    continue;
                }
                double s = Math.abs(hessian[j * in + c]) / Math.sqrt(hjj * hcc);
                if (size == k && s <= bestStrength[k - 1]) {
                    continue;
                }
                int at = size < k ? size++ : k - 1;
                while (at > 0 && bestStrength[at - 1] < s) {
                    best[at] = best[at - 1];
                    bestStrength[at] = bestStrength[at - 1];
                    at--;
                }
                best[at] = c;
                bestStrength[at] = s;
            }
            of[j] = java.util.Arrays.copyOf(best, size);
            hessianOf[j] = new double[size];
            for (int n = 0; n < size; n++) {
                hessianOf[j][n] = hessian[j * in + best[n]];
            }
        }
        return new Neighbours(of, hessianOf);
    }

    /** @return the neighbours of input {@code j}, strongest first; shared, callers must not write */
    public int[] of(int j) {
        return of[j];
    }

    /**
     * @return {@code H_jk} for each neighbour {@code k} of {@code j}, in the order of {@link #of}: a pair's cross
     *         term without a lookup in the whole of {@code H}; shared, callers must not write
     */
    public double[] hessianOf(int j) {
        return hessianOf[j];
    }
}
