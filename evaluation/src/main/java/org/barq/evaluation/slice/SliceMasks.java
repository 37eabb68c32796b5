package org.barq.evaluation.slice;

import org.barq.api.InvalidInputException;

/**
 * The geometry of a labelled {@code G x G} grid (FORMULATION §5), on primitive arrays indexed {@code row * G + col}.
 * <ul>
 *   <li>boundary mask: the cells whose label differs from at least one of their 4 neighbours inside the grid;</li>
 *   <li>triple junction: a 2x2 block of adjacent cells holding 3 or more distinct labels; block {@code (row, col)}
 *       covers rows {@code row, row+1} and columns {@code col, col+1}, and has index {@code row * (G-1) + col};</li>
 *   <li>slice-boundary Jaccard: {@code 1 - |M & M^| / |M | M^|}, 0 when both masks are empty.</li>
 * </ul>
 */
public final class SliceMasks {
    private SliceMasks() {
    }

    /**
     * @param labels per-cell labels, {@code G * G}
     * @param g      {@code G}
     * @return per cell: does a 4-neighbour carry another label
     */
    public static boolean[] boundary(int[] labels, int g) {
        requireSize(labels, g);
        boolean[] mask = new boolean[labels.length];
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                int cell = row * g + col;
                int label = labels[cell];
                mask[cell] = (col > 0 && labels[cell - 1] != label)
                        || (col + 1 < g && labels[cell + 1] != label)
                        || (row > 0 && labels[cell - g] != label)
                        || (row + 1 < g && labels[cell + g] != label);
            }
        }
        return mask;
    }

    /**
     * @param labels per-cell labels, {@code G * G}
     * @param g      {@code G}
     * @return per 2x2 block, {@code (G-1) * (G-1)} of them: does it hold 3 or more distinct labels
     */
    public static boolean[] junctions(int[] labels, int g) {
        requireSize(labels, g);
        int blocks = g - 1;
        boolean[] junction = new boolean[blocks * blocks];
        for (int row = 0; row < blocks; row++) {
            for (int col = 0; col < blocks; col++) {
                int cell = row * g + col;
                junction[row * blocks + col] = distinct(labels[cell], labels[cell + 1], labels[cell + g],
                        labels[cell + g + 1]) >= 3;
            }
        }
        return junction;
    }

    private static int distinct(int p, int q, int r, int s) {
        int count = 1;
        if (q != p) {
            count++;
        }
        if (r != p && r != q) {
            count++;
        }
        if (s != p && s != q && s != r) {
            count++;
        }
        return count;
    }

    /**
     * @param a one mask
     * @param b another of the same length
     * @return {@code 1 - |a & b| / |a | b|}, 0 when both are empty
     */
    public static double jaccardDistance(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new InvalidInputException("boundary masks have " + a.length + " and " + b.length
                    + " cells. Maybe slices of different grids?");
        }
        long both = 0;
        long either = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                both++;
            }
            if (a[i] || b[i]) {
                either++;
            }
        }
        return either == 0 ? 0.0 : 1.0 - (double) both / either;
    }

    /**
     * @param a labels of one model
     * @param b labels of another on the same cells
     * @return the fraction of cells whose labels differ
     */
    public static double changedFraction(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new InvalidInputException("label grids have " + a.length + " and " + b.length
                    + " cells. Maybe slices of different grids?");
        }
        long changed = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                changed++;
            }
        }
        return (double) changed / a.length;
    }

    /** @return the number of true entries */
    public static int count(boolean[] mask) {
        int n = 0;
        for (boolean m : mask) {
            if (m) {
                n++;
            }
        }
        return n;
    }

    private static void requireSize(int[] labels, int g) {
        if (g < 2 || labels.length != (long) g * g) {
            throw new InvalidInputException("a " + g + " x " + g + " grid cannot hold " + labels.length + " labels.");
        }
    }
}
