package org.barq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.barq.benchmarks.jmh.FlipBenchmark;
import org.barq.benchmarks.jmh.ForwardBenchmark;
import org.barq.benchmarks.jmh.HessianBenchmark;
import org.barq.benchmarks.jmh.HingeDeltaBenchmark;
import org.barq.benchmarks.jmh.OutputDeltaBenchmark;
import org.barq.benchmarks.jmh.ReconstructionDeltaBenchmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' states build on the real MNIST files, with random weights (only shapes matter here), and each
 * benchmark method runs once. Timings are never asserted. The geometry and slice benchmarks are left out: their
 * setup (a PCA of 10 000 samples) alone would double this module's test time. It reads MNIST, which a user's clone
 * does not have, so only {@code mvn -B verify -Preal-data} runs it (the parent pom's tag).
 */
@Tag("real-data")
class BenchmarkStateSmokeTest {
    @BeforeAll
    static void randomWeights() {
        System.setProperty(MnistFixture.MODEL_PROPERTY, "random");
    }

    @Test
    void fixtureHasMnistShapes() {
        MnistFixture fixture = MnistFixture.get();
        assertEquals(1280, fixture.splits().calibration().size());
        assertEquals(10_000, fixture.splits().test().size());
        assertEquals(java.util.List.of(784, 256, 256, 10), fixture.model().sizes());
    }

    @Test
    void deltaAndFlipBenchmarksRun() {
        ReconstructionDeltaBenchmark reconstruction = new ReconstructionDeltaBenchmark();
        reconstruction.setUp();
        assertTrue(Double.isFinite(reconstruction.delta()));
        HingeDeltaBenchmark hinge = new HingeDeltaBenchmark();
        hinge.setUp();
        assertTrue(Double.isFinite(hinge.delta()));
        FlipBenchmark flip = new FlipBenchmark();
        flip.objectiveKind = "hinge";
        flip.setUp();
        flip.flip();
        OutputDeltaBenchmark output = new OutputDeltaBenchmark();
        output.setUp();
        assertTrue(Double.isFinite(output.delta()));
    }

    @Test
    void productBenchmarksRun() {
        HessianBenchmark hessian = new HessianBenchmark();
        hessian.setUp();
        assertEquals(784, hessian.hessian().rows());
        ForwardBenchmark forward = new ForwardBenchmark();
        forward.setUp();
        assertEquals(10_000, forward.forward().rows());
    }
}
