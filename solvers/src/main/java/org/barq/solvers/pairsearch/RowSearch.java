package org.barq.solvers.pairsearch;

import java.util.SplittableRandom;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingSpace;
import org.barq.solvers.Deadline;
import org.barq.solvers.Neighbours;

/**
 * Iterated local search on one row's variables: descend with single flips and, at a 1-flip optimum, the best
 * 2-flip move among correlated inputs; then, {@code kicks} times, flip a few neighbouring variables at random,
 * descend again, and keep the result only if it beats the row's best. Reads and writes nothing but its own row's
 * variables, so rows of a row-separable objective may search concurrently, each with its own random stream.
 */
final class RowSearch {
    private final Objective objective;
    private final RoundingSpace space;
    private final Neighbours neighbours;
    private final int first;
    private final int end;
    private final double tolerance;
    private final boolean allPairs;
    private final int[] work;
    private final boolean[] queued;
    private int pending;
    private long flips;

    /**
     * @param allPairs whether a pair pass tries every variable of the row with its neighbours (cheap when pair
     *                 deltas are O(1)), or only the few variables whose single flips cost least
     */
    RowSearch(Objective objective, RoundingSpace space, Neighbours neighbours, int first, int end, double tolerance,
              boolean allPairs) {
        this.objective = objective;
        this.space = space;
        this.neighbours = neighbours;
        this.first = first;
        this.end = end;
        this.tolerance = tolerance;
        this.allPairs = allPairs;
        this.work = new int[end - first];
        this.queued = new boolean[end - first];
    }

    /** @return the flips made so far */
    long flips() {
        return flips;
    }

    /**
     * @return the change of {@code J} this search made to its row (negative or 0)
     */
    double run(int kicks, int kickSize, SplittableRandom random, Deadline deadline) {
        double gain = descend();
        if (end - first < 2) {
            return gain;
        }
        boolean[] best = snapshot();
        double bestGain = gain;
        for (int k = 0; k < kicks && !deadline.passed(); k++) {
            gain += kick(kickSize, random);
            gain += descendNear();
            if (gain < bestGain - tolerance) {
                bestGain = gain;
                best = snapshot();
            } else {
                gain += restore(best);
            }
        }
        return bestGain + descend();
    }

    /**
     * Descends from the variables a kick touched: a flip moves every weight's gradient in the row by {@code d H_jk},
     * which matters where {@code H_jk} is large, so only the touched variables and their neighbours are looked at,
     * and the neighbours of whatever flips next. Far cheaper than a full descent; the final one catches the rest.
     */
    private double descendNear() {
        double gain = 0;
        while (pending > 0) {
            int v = work[--pending];
            queued[v - first] = false;
            double d = objective.delta(v);
            if (d < -tolerance) {
                gain += flip(v);
                enqueueNeighbours(v);
                continue;
            }
            double bestDelta = -tolerance;
            int bestW = -1;
            int rowBase = space.weightOf(v) - space.colOf(v);
            for (int c : neighbours.of(space.colOf(v))) {
                int w = space.variableOf(rowBase + c);
                if (w >= 0) {
                    double p = objective.pairDelta(v, w);
                    if (p < bestDelta) {
                        bestDelta = p;
                        bestW = w;
                    }
                }
            }
            if (bestW >= 0) {
                gain += flip(v);
                gain += flip(bestW);
                enqueueNeighbours(v);
                enqueueNeighbours(bestW);
            }
        }
        return gain;
    }

    private void enqueue(int v) {
        if (!queued[v - first]) {
            queued[v - first] = true;
            work[pending++] = v;
        }
    }

    private void enqueueNeighbours(int v) {
        enqueue(v);
        int rowBase = space.weightOf(v) - space.colOf(v);
        for (int c : neighbours.of(space.colOf(v))) {
            int w = space.variableOf(rowBase + c);
            if (w >= 0) {
                enqueue(w);
            }
        }
    }

    private double descend() {
        double gain = 0;
        while (true) {
            boolean changed = false;
            for (int v = first; v < end; v++) {
                double d = objective.delta(v);
                if (d < -tolerance) {
                    objective.flip(v);
                    flips++;
                    gain += d;
                    changed = true;
                }
            }
            if (changed) {
                continue;
            }
            double pair = bestPair();
            if (pair < -tolerance) {
                gain += pair;
                continue;
            }
            return gain;
        }
    }

    /** Finds the best improving 2-flip move among neighbours and makes it; @return its delta, or 0 */
    private double bestPair() {
        double bestDelta = -tolerance;
        int bestV = -1;
        int bestW = -1;
        int[] candidates = allPairs ? null : cheapest(16);
        int count = allPairs ? end - first : candidates.length;
        for (int i = 0; i < count; i++) {
            int v = allPairs ? first + i : candidates[i];
            int rowBase = space.weightOf(v) - space.colOf(v);
            for (int c : neighbours.of(space.colOf(v))) {
                int w = space.variableOf(rowBase + c);
                if (w < 0) {
                    continue;
                }
                double d = objective.pairDelta(v, w);
                if (d < bestDelta) {
                    bestDelta = d;
                    bestV = v;
                    bestW = w;
                }
            }
        }
        if (bestV < 0) {
            return 0;
        }
        objective.flip(bestV);
        objective.flip(bestW);
        flips += 2;
        return bestDelta;
    }

    /** @return up to {@code n} variables of the row whose single flips cost least, cheapest first */
    private int[] cheapest(int n) {
        int size = Math.min(n, end - first);
        int[] best = new int[size];
        double[] cost = new double[size];
        int filled = 0;
        for (int v = first; v < end; v++) {
            double d = objective.delta(v);
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
        int v = first + random.nextInt(end - first);
        double gain = flip(v);
        enqueueNeighbours(v);
        int rowBase = space.weightOf(v) - space.colOf(v);
        int[] near = neighbours.of(space.colOf(v));
        for (int tries = 0, flipped = 1; flipped < size && tries < 4 * size && near.length > 0; tries++) {
            int w = space.variableOf(rowBase + near[random.nextInt(near.length)]);
            if (w >= 0 && w != v) {
                gain += flip(w);
                enqueueNeighbours(w);
                flipped++;
            }
        }
        return gain;
    }

    private double flip(int v) {
        double d = objective.delta(v);
        objective.flip(v);
        flips++;
        return d;
    }

    private boolean[] snapshot() {
        boolean[] choices = new boolean[end - first];
        for (int v = first; v < end; v++) {
            choices[v - first] = objective.isUp(v);
        }
        return choices;
    }

    private double restore(boolean[] choices) {
        double gain = 0;
        for (int v = first; v < end; v++) {
            if (objective.isUp(v) != choices[v - first]) {
                gain += flip(v);
            }
        }
        return gain;
    }
}
