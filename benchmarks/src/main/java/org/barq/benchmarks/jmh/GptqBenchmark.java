package org.barq.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.SolverOptions;
import org.barq.benchmarks.MnistFixture;
import org.barq.objectives.ObjectiveSpec;
import org.barq.solvers.Deadline;
import org.barq.solvers.gptq.GptqOptions;
import org.barq.solvers.gptq.GptqSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * GPTQ's choices on MNIST's first layer (784x256, 4 bits).
 *
 * <p><b>What:</b> {@code GptqSolver.choices}: the factor {@code U} of the damped inverse Hessian (LAPACK:
 * one Cholesky factorisation and one triangular inverse of the 784x784 {@code H}, on one OpenBLAS thread), then the column loop that rounds each
 * column and spreads its error through {@code U} in blocks of 128 columns (the spread past a block is one ND4J
 * product). <b>Why:</b> GPTQ is a baseline users compare against, and {@code coordinate-descent --option
 * start=gptq} pays it before its first sweep; this separates its cost from the objective's build. <b>Target:</b>
 * none set by the issue.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GptqBenchmark extends AbstractBenchmark {
    private RoundingProblem problem;
    private SolveContext context;

    /** Builds the first layer's problem once. */
    @Setup
    public void setUp() {
        problem = MnistFixture.get().layer(0, ObjectiveSpec.DEFAULT).problem();
        GptqSolver solver = new GptqSolver();
        context = new SolveContext(0, Duration.ofMinutes(10), 1, SolverOptions.defaults(solver.descriptor()));
    }

    /** @return the up/down choice of every variable */
    @Benchmark
    public boolean[] choices() {
        boolean[] up = new boolean[problem.space().variables()];
        GptqSolver.choices(problem, GptqOptions.DEFAULT_DAMP, up, Deadline.of(context));
        return up;
    }
}
