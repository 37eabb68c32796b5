package org.barq.api.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded permutations, the one Fisher-Yates of barq. Every shuffle and every draw without replacement goes through
 * here, in a fixed draw order, so that a seed names the same order in the splits, training, the solvers and the
 * output pass, and so that a change to one cannot quietly change the draws of another.
 */
public final class Permutations {
    private Permutations() {
    }

    /** Shuffles {@code a} in place, uniformly: {@code a.length - 1} draws, from the last index down. */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            swap(a, i, random.nextInt(i + 1));
        }
    }

    /** @return a uniform permutation of {@code 0 .. size - 1} */
    public static int[] of(int size, SplittableRandom random) {
        int[] p = identity(size);
        shuffle(p, random);
        return p;
    }

    /**
     * @return {@code count} of {@code 0 .. size - 1} drawn uniformly without replacement, in increasing order (so that
     *     a subset keeps its source's order); all of them, with no draw, when {@code count >= size}
     */
    public static int[] sample(int size, int count, SplittableRandom random) {
        int[] all = identity(size);
        if (count >= size) {
            return all;
        }
        for (int i = 0; i < count; i++) {
            swap(all, i, i + random.nextInt(size - i));
        }
        int[] kept = Arrays.copyOf(all, count);
        Arrays.sort(kept);
        return kept;
    }

    private static int[] identity(int size) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        return p;
    }

    private static void swap(int[] a, int i, int k) {
        int t = a[i];
        a[i] = a[k];
        a[k] = t;
    }
}
