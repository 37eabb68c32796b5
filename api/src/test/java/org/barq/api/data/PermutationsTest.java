package org.barq.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationsTest {
    /**
     * The draws are pinned: every split, training order, solver sweep and fold of a recorded run depends on them, so a
     * change here would change the bytes of every run made before it. The expected values are those of the textbook
     * loops (descending Fisher-Yates; the first {@code count} steps of the ascending one, sorted) that barq wrote
     * out in six places before they became this class.
     */
    @Test
    void drawsAsTheRecordedRunsDid() {
        assertArrayEquals(new int[] {3, 4, 7, 0, 8, 5, 9, 2, 6, 1}, Permutations.of(10, new SplittableRandom(42)));
        assertArrayEquals(new int[] {9, 11, 15, 16, 18}, Permutations.sample(20, 5, new SplittableRandom(7)));
    }

    @Test
    void permutesEveryIndexOnce() {
        SplittableRandom random = new SplittableRandom(3);
        for (int size : new int[] {0, 1, 2, 17, 1000}) {
            int[] p = Permutations.of(size, random);
            assertArrayEquals(IntStream.range(0, size).toArray(), Arrays.stream(p).sorted().toArray());
        }
    }

    @Test
    void samplesDistinctIndicesInOrder() {
        int[] s = Permutations.sample(1000, 100, new SplittableRandom(5));
        assertEquals(100, s.length);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i - 1] < s[i], "ascending and distinct at " + i);
        }
        assertArrayEquals(new int[] {0, 1, 2}, Permutations.sample(3, 3, new SplittableRandom(5)));
        assertArrayEquals(new int[] {0, 1, 2}, Permutations.sample(3, 10, new SplittableRandom(5)));
    }

    @Test
    void everyOrderIsAboutEquallyLikely() {
        // 6 orders of 3 items, 60 000 draws: each near 10 000 (a biased swap, e.g. nextInt(size), skews this by ~20 %)
        int[] counts = new int[6];
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < 60_000; t++) {
            int[] p = Permutations.of(3, random);
            counts[p[0] * 2 + (p[1] > p[2] ? 1 : 0)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
    }
}
