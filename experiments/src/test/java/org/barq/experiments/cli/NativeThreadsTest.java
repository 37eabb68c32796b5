package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Every command line runs ND4J's native code on one thread, so that its products' bits do not depend on the cores. */
class NativeThreadsTest {
    @Test
    void aCommandLinePinsOpenBlasAndOpenMpToOneThread() {
        Nd4j.factory().blas().setMaxThreads(2);
        Nd4j.getEnvironment().setMaxMasterThreads(2);
        assertEquals(0, Cli.run("solvers").exitCode());
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    }
}
