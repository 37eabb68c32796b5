package org.barq.solvers.pairsearch;

import java.util.SplittableRandom;
import org.barq.solvers.Deadline;
import org.barq.solvers.Neighbours;

/**
 * Iterated local search on one row's variables: descend with single flips and, where no single flip of a variable
 * gains, 2-flip moves with its correlated inputs; then, {@code kicks} times, flip a few neighbouring variables at
 * random, descend again near them, and keep the result only if it beats the row's best. Moves nothing but its own row, so
 * rows of a row-separable objective may search concurrently, each with its own random stream.
 */
final class RowSearch {
    private final SearchRow row;
    private final Neighbours neighbours;
    private final double tolerance;
    private final int[] work;
    private final boolean[] queued;
    private int pending;
    private long flips;

    /**
     * @param tolerance the least decrease of {@code J} that counts as a gain
     */
    RowSearch(SearchRow row, Neighbours neighbours, double tolerance) {
        this.row = row;
        this.neighbours = neighbours;
        this.tolerance = tolerance;
        this.work = new int[row.size()];
        this.queued = new boolean[row.size()];
    }

    /** @return the flips made so far */
    long flips() {
        return flips;
    }

    /** Searches, then leaves the objective at the best state found. */
    void run(int kicks, int kickSize, SplittableRandom random, Deadline deadline) {
        descend();
        if (row.size() >= 2 && kicks > 0) {
            row.mark();
            for (int k = 0; k < kicks && !deadline.passed(); k++) {
                if (kick(kickSize, random) + descendNear() < -tolerance) {
                    row.mark();
                } else {
                    row.reset();
                }
            }
            descend();
        }
        row.finish();
    }

    /**
     * Descends from the queued variables: a flip moves every gradient in the row by {@code d H_jk}, which matters
     * where {@code H_jk} is large, so only the queued variables and the neighbours of whatever flips are looked at,
     * each for a single flip and, failing that, a flip together with one of its neighbours. First improvement:
     * cheaper than a full descent, whose final pass catches what it leaves.
     *
     * @return the change of {@code J}
     */
    private double descendNear() {
        double gain = 0;
        while (pending > 0) {
            int v = work[--pending];
            queued[v] = false;
            double d = row.delta(v);
            if (d < -tolerance) {
                gain += d;
                flip(v);
                enqueueNeighbours(v);
                continue;
            }
            double bestDelta = -tolerance;
            int bestW = -1;
            int column = row.column(v);
            int[] near = neighbours.of(column);
            double[] h = neighbours.hessianOf(column);
            for (int n = 0; n < near.length; n++) {
                int w = row.variableAt(near[n]);
                if (w >= 0) {
                    double p = row.pairDelta(v, d, w, h[n]);
                    if (p < bestDelta) {
                        bestDelta = p;
                        bestW = w;
                    }
                }
            }
            if (bestW >= 0) {
                gain += bestDelta;
                flip(v);
                flip(bestW);
                enqueueNeighbours(v);
                enqueueNeighbours(bestW);
            }
        }
        return gain;
    }

    private void enqueue(int v) {
        if (!queued[v]) {
            queued[v] = true;
            work[pending++] = v;
        }
    }

    private void enqueueNeighbours(int v) {
        enqueue(v);
        for (int c : neighbours.of(row.column(v))) {
            int w = row.variableAt(c);
            if (w >= 0) {
                enqueue(w);
            }
        }
    }

    /**
     * Descends to a state where no single flip and no pair of neighbours gains. With cheap pairs: {@link
     * #descendNear} from every variable, again until a whole round flips nothing (a flip moves the gradients of the
     * whole row, not only of its neighbours, so one round can leave gains behind). Otherwise pairs are tried only
     * for the few variables whose single flips cost least, after each round of single flips.
     */
    private void descend() {
        long before;
        do {
            before = flips;
            if (row.cheapPairs()) {
                for (int i = 0; i < row.size(); i++) {
                    enqueue(i);
                }
                descendNear();
            } else {
                for (int v = 0; v < row.size(); v++) {
                    if (row.delta(v) < -tolerance) {
                        flip(v);
                    }
                }
                if (flips == before) {
                    bestPair(cheapest(16));
                }
            }
        } while (flips != before);
    }

    /** Makes the best improving 2-flip move between a candidate and one of its neighbours, if there is one. */
    private void bestPair(int[] candidates) {
        double bestDelta = -tolerance;
        int bestV = -1;
        int bestW = -1;
        for (int v : candidates) {
            double d = row.delta(v);
            int column = row.column(v);
            int[] near = neighbours.of(column);
            double[] h = neighbours.hessianOf(column);
            for (int n = 0; n < near.length; n++) {
                int w = row.variableAt(near[n]);
                if (w < 0) {
                    continue;
                }
                double p = row.pairDelta(v, d, w, h[n]);
                if (p < bestDelta) {
                    bestDelta = p;
                    bestV = v;
                    bestW = w;
                }
            }
        }
        if (bestV >= 0) {
            flip(bestV);
            flip(bestW);
        }
    }

    /** @return up to {@code n} variables of the row whose single flips cost least, cheapest first */
    private int[] cheapest(int n) {
        int size = Math.min(n, row.size());
        int[] best = new int[size];
        double[] cost = new double[size];
        int filled = 0;
        for (int v = 0; v < row.size(); v++) {
            double d = row.delta(v);
            if (filled == size && d >= cost[size - 1]) {
                continue;
            }
            int at = filled < size ? filled++ : size - 1;
            while (at > 0 && cost[at - 1] > d) {
                best[at] = best[at - 1];
                cost[at] = cost[at - 1];
                at--;
            }
            best[at] = v;
            cost[at] = d;
        }
        return best;
    }

    /**
     * Flips one random variable and up to {@code size - 1} of its neighbours in the row, and queues them with their
     * neighbours for {@link #descendNear}; @return the change
     */
    private double kick(int size, SplittableRandom random) {
        int v = random.nextInt(row.size());
        double gain = row.delta(v);
        flip(v);
        enqueueNeighbours(v);
        int[] near = neighbours.of(row.column(v));
        for (int tries = 0, flipped = 1; flipped < size && tries < 4 * size && near.length > 0; tries++) {
            int w = row.variableAt(near[random.nextInt(near.length)]);
            if (w >= 0 && w != v) {
                gain += row.delta(w);
                flip(w);
                enqueueNeighbours(w);
                flipped++;
            }
        }
        return gain;
    }

    private void flip(int v) {
        row.flip(v);
        flips++;
    }
}
