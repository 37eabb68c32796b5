package org.barq.solvers.adaround;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParallelChunksTest {
    @Test
    void everyThreadCountVisitsEveryElementOnce() {
        int n = 5 * ParallelChunks.CHUNK + 123;
        for (int threads = 1; threads <= 4; threads++) {
            int[] visits = new int[n];
            try (ParallelChunks chunks = new ParallelChunks(n, threads)) {
                chunks.run((from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits[i]++;
                    }
                });
            }
            for (int i = 0; i < n; i++) {
                assertEquals(1, visits[i], "element " + i + " with " + threads + " threads");
            }
        }
    }
}
