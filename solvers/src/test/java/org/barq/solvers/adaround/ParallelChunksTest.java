package org.barq.solvers.adaround;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParallelChunksTest {
    @Test
    void everyThreadCountGivesTheSameBitsAndVisitsEveryElementOnce() {
        int n = 5 * ParallelChunks.CHUNK + 123;
        double[] x = new double[n];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            // magnitudes spread over many decades, so that the order of the additions shows in the last bits
            x[i] = Math.scalb(random.nextDouble() - 0.5, random.nextInt(-30, 30));
        }
        long[] bits = new long[4];
        for (int threads = 1; threads <= 4; threads++) {
            int[] visits = new int[n];
            try (ParallelChunks chunks = new ParallelChunks(n, threads)) {
                double sum = chunks.sum((from, to) -> {
                    double s = 0;
                    for (int i = from; i < to; i++) {
                        s += x[i];
                        visits[i]++;
                    }
                    return s;
                });
                bits[threads - 1] = Double.doubleToRawLongBits(sum);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(1, visits[i], "element " + i + " with " + threads + " threads");
            }
        }
        for (int t = 1; t < 4; t++) {
            assertEquals(bits[0], bits[t], (t + 1) + " threads");
        }
    }
}
