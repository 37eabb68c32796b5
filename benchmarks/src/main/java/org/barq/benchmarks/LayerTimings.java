package org.barq.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.barq.api.objective.Objective;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.benchmarks.jmh.HingeDeltaBenchmark;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.ObjectiveSpec;
import org.barq.solvers.SolverRegistry;
import org.barq.solvers.coordinatedescent.CoordinateDescentSolver;

/**
 * {@code coordinate-descent} on MNIST's first layer alone ({@code 784 x 256}, 4 bits), timed from the solver's
 * start to its return: the objective is built before the clock starts, as it is for every solver alike. Each run
 * also checks that the result is a 1-flip local optimum, by counting the variables whose delta still improves.
 */
final class LayerTimings {
    private final MnistFixture fixture;
    private final SolverRegistry solvers;
    private final int threads;

    /**
     * @param fixture the data and model
     * @param solvers the registered solvers
     * @param threads the thread count the solver may use (the CLI's default is 2)
     */
    LayerTimings(MnistFixture fixture, SolverRegistry solvers, int threads) {
        this.fixture = fixture;
        this.solvers = solvers;
        this.threads = threads;
    }

    /** The outcome of the timed runs of one objective. */
    record Outcome(BenchRow time, double reconstruction) {
    }

    /**
     * @param hinge   false: {@code lambda = 0}, target 1 s; true: the hinge surrogate with {@code lambda = 1}, 5 s
     * @param repeats runs, at least 1
     * @return the time row and {@code R} at the solution (the same in every run: the solver is deterministic)
     */
    Outcome coordinateDescent(boolean hinge, int repeats) {
        return coordinateDescent(hinge, Map.of(), repeats);
    }

    /**
     * @param hinge   as above
     * @param options the solver's options; with any, the row's id ends in them and it has no target
     * @param repeats runs, at least 1
     * @return the time row and {@code R} at the solution
     */
    Outcome coordinateDescent(boolean hinge, Map<String, String> options, int repeats) {
        ObjectiveSpec spec = hinge ? HingeDeltaBenchmark.HINGE : ObjectiveSpec.DEFAULT;
        Solver solver = solvers.get(CoordinateDescentSolver.NAME);
        BenchRow.Builder row = new BenchRow.Builder();
        double reconstruction = Double.NaN;
        long sweeps = 0;
        int improving = 0;
        for (int run = 0; run < repeats; run++) {
            LayerBuild build = fixture.layer(0, spec);
            Objective objective = build.objective();
            SolveContext context = new SolveContext(0, Duration.ofMinutes(10), threads,
                    SolverOptions.of(solver.descriptor(), options));
            long start = System.nanoTime();
            SolverResult result = solver.solve(build.problem(), objective, context);
            row.add((System.nanoTime() - start) / 1e9);
            objective.assign(result.assignment());
            reconstruction = objective.terms().reconstruction();
            sweeps = result.steps();
            improving = improving(objective);
        }
        StringBuilder suffix = new StringBuilder();
        new TreeMap<>(options).forEach((key, value) -> suffix.append('.').append(key).append('-').append(value));
        String what = "coordinate-descent to a 1-flip local optimum, MNIST layer 0 (784x256), 4 bits, "
                + (hinge ? "hinge lambda 1" : "lambda 0") + (options.isEmpty() ? "" : ", options " + options);
        String note = sweeps + " sweeps, " + threads + " threads; variables whose delta still improves J by more"
                + " than 1e-9 |J|: " + improving + "; R = " + BenchRow.format(reconstruction);
        return new Outcome(row.build("layer0.coordinate-descent." + (hinge ? "hinge" : "reconstruction") + suffix,
                what, "s", options.isEmpty() ? "<=" : null, options.isEmpty() ? (hinge ? 5.0 : 1.0) : null, note),
                reconstruction);
    }

    private static int improving(Objective objective) {
        double tolerance = 1e-9 * Math.abs(objective.value());
        int count = 0;
        for (int v = 0; v < objective.variables(); v++) {
            if (objective.delta(v) < -tolerance) {
                count++;
            }
        }
        return count;
    }
}
