package org.barq.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A flip's gradient update {@code g += s H[j, :]} with {@code H} row-major (an offset into one flat array) against
 * {@code H} held one array per row.
 *
 * <p><b>What:</b> {@value #ROWS} updates of a {@code width}-long gradient per call, each with a random row of a
 * {@code width x width} {@code H}; throughput in updates ({@code width} multiply-adds each). <b>Why:</b>
 * pair-search's rows and the objective's flips keep {@code H} by rows because JDK 17's C2 compiles the loop to vector instructions only when both arrays
 * are indexed alike (docs/performance.md section 8). <b>Target:</b> none; {@code rows} should be several times
 * {@code flat}, and both give the same bits (no fused multiply-add either way).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RowUpdateBenchmark extends AbstractBenchmark {
    /** Updates per benchmark call. */
    static final int ROWS = 1_024;

    /** Inputs of the layer: the gradient's length and {@code H}'s order. */
    @Param({"512"})
    public int width;

    private double[] flat;
    private double[][] byRows;
    private double[] gradient;
    private int[] picks;

    /** A random {@code H} both ways and a fixed sequence of rows. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        flat = new double[width * width];
        byRows = new double[width][width];
        for (int j = 0; j < width; j++) {
            for (int k = 0; k < width; k++) {
                flat[j * width + k] = random.nextDouble();
                byRows[j][k] = flat[j * width + k];
            }
        }
        gradient = new double[width];
        picks = random.ints(ROWS, 0, width).toArray();
    }

    /** @return a gradient entry, so that the updates are not optimised away */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double flat() {
        for (int pick : picks) {
            int h = pick * width;
            for (int k = 0; k < width; k++) {
                gradient[k] += 1e-3 * flat[h + k];
            }
        }
        return gradient[0];
    }

    /** @return a gradient entry, so that the updates are not optimised away */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double rows() {
        for (int pick : picks) {
            double[] h = byRows[pick];
            for (int k = 0; k < width; k++) {
                gradient[k] += 1e-3 * h[k];
            }
        }
        return gradient[0];
    }
}
