package org.barq.experiments.cli;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J's native code, OpenBLAS's products and libnd4j's loops, on one thread for the whole process.
 *
 * <p>OpenBLAS gives other bits with one thread than with two for some shapes (a {@code [270, 64]} calibration
 * Hessian of digits among them), and its thread count is a single setting of the process, which GPTQ's
 * factorisation sets to one while it runs. Left at the machine's core count, results would depend on the machine
 * and, in a study, on which variant's products ran beside a GPTQ factorisation: the same config gave results lines
 * that differed in the 16th digit of {@code R} from run to run with {@code --jobs 2}. barq's own parallelism
 * ({@code --threads}, {@code --jobs}) works in fixed chunks and keeps the bits. On two cores one native thread was
 * also faster: training MNIST's [784, 256, 10] for an epoch 21 s against 27 to 31 s, and the README's CNN on
 * Fashion-MNIST 97 s against 106 s, the same bytes.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /**
     * Sets OpenBLAS's threads and libnd4j's outer parallel loops to one (libnd4j's {@code setMaxThreads} does not
     * lower its count once started); cheap, so each command line may call it.
     */
    public static void pin() {
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }
}
