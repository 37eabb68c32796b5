package org.barq.solvers.exact;

/**
 * One row's choices as a binary quadratic problem, {@code f(u) = sum_i a_i u_i + sum_{i<j} b_ij u_i u_j}, relative to
 * the row with every variable down; solved exactly by depth-first branch and bound. The bound of a node adds to its
 * value, for every open variable, the most it could still gain: {@code min(0, a_i + sum of b_ij to the variables set
 * up + sum of the negative b_ij to later open variables)}, which never overestimates, so nothing better is pruned.
 */
final class RowQubo {
    private final int n;
    private final double[] a;
    private final double[] b;
    private final boolean[] bestChoice;
    private final boolean[] choice;
    private double best;
    private long nodes;

    /**
     * @param a the linear terms, one per variable
     * @param b the pair terms, row-major {@code [n, n]}, symmetric, diagonal unused
     */
    RowQubo(double[] a, double[] b) {
        this.n = a.length;
        this.a = a;
        this.b = b;
        this.bestChoice = new boolean[n];
        this.choice = new boolean[n];
    }

    /**
     * @param start a feasible choice whose value seeds the incumbent (e.g. a heuristic's)
     * @return the optimal choice; ties keep the first found from {@code start}
     */
    boolean[] solve(boolean[] start) {
        System.arraycopy(start, 0, bestChoice, 0, n);
        best = value(start);
        double[] field = a.clone();
        branch(0, 0, field);
        return bestChoice.clone();
    }

    /** @return the nodes visited by the last {@link #solve} */
    long nodes() {
        return nodes;
    }

    /** @return {@code f(u)} */
    double value(boolean[] u) {
        double f = 0;
        for (int i = 0; i < n; i++) {
            if (u[i]) {
                f += a[i];
                for (int j = i + 1; j < n; j++) {
                    f += u[j] ? b[i * n + j] : 0;
                }
            }
        }
        return f;
    }

    /**
     * @param i     the next variable to decide
     * @param value {@code f} of the decided variables
     * @param field for each open variable, {@code a_i} plus its pair terms with the variables set up
     */
    private void branch(int i, double value, double[] field) {
        nodes++;
        if (i == n) {
            if (value < best) {
                best = value;
                System.arraycopy(choice, 0, bestChoice, 0, n);
            }
            return;
        }
        if (value + bound(i, field) >= best) {
            return;
        }
        // The cheaper side first, so that good incumbents come early.
        boolean upFirst = field[i] < 0;
        for (int side = 0; side < 2; side++) {
            boolean up = upFirst == (side == 0);
            choice[i] = up;
            if (up) {
                for (int j = i + 1; j < n; j++) {
                    field[j] += b[i * n + j];
                }
                branch(i + 1, value + field[i], field);
                for (int j = i + 1; j < n; j++) {
                    field[j] -= b[i * n + j];
                }
            } else {
                branch(i + 1, value, field);
            }
        }
        choice[i] = false;
    }

    private double bound(int from, double[] field) {
        double gain = 0;
        for (int i = from; i < n; i++) {
            double most = field[i];
            for (int j = i + 1; j < n; j++) {
                most += Math.min(0, b[i * n + j]);
            }
            gain += Math.min(0, most);
        }
        return gain;
    }
}
