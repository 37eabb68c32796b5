package org.barq.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.barq.api.objective.Objective;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.objectives.LayerBuild;
import org.barq.solvers.gptq.GptqSolver;
import org.barq.solvers.pairsearch.PairSearchSolver;

/**
 * GPTQ and pair-search on a layer the size of a transformer's projection (issue 16): {@code in} inputs by
 * {@code out} outputs at 4 bits, {@code N} calibration samples of random correlated inputs (each a shared factor plus
 * noise, so that {@code H} is far from diagonal) and random Gaussian weights. Prints the time to build the objective
 * ({@code H}, targets, round-to-nearest state), each solver's wall time and its {@code R} against round-to-nearest's.
 *
 * <pre>java -Xmx16g -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *     org.barq.benchmarks.LargeLayerTimings [IN OUT N]</pre>
 * (defaults 4096 4096 8192; run {@code mvn -Pbench package -DskipTests} first, as {@code ./bench} does).
 */
public final class LargeLayerTimings {
    private LargeLayerTimings() {
    }

    /** @param args optional {@code IN OUT N} */
    public static void main(String[] args) {
        int in = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int out = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 8192;
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[n * in];
        for (int s = 0; s < n; s++) {
            double shared = random.nextGaussian();
            for (int j = 0; j < in; j++) {
                x[s * in + j] = (float) (0.7 * shared + random.nextGaussian());
            }
        }
        long t0 = System.nanoTime();
        LayerBuild build = RandomLayers.build(x, n, in, out, 4, random);
        System.out.printf(Locale.ROOT, "layer %dx%d, N = %d: objective built in %.1f s, R(RTN) %.6g%n", out, in, n,
                (System.nanoTime() - t0) / 1e9, build.nearestTerms().reconstruction());
        for (Solver solver : List.of(new GptqSolver(), new PairSearchSolver())) {
            Objective objective = build.objective().copy();
            SolveContext context = new SolveContext(0, Duration.ofMinutes(30), 2,
                    SolverOptions.of(solver.descriptor(), Map.of()));
            long start = System.nanoTime();
            SolverResult result = solver.solve(build.problem(), objective, context);
            double seconds = (System.nanoTime() - start) / 1e9;
            objective.assign(result.assignment());
            double r = objective.terms().reconstruction();
            System.out.printf(Locale.ROOT, "%-12s %8.1f s   R %.6g (%.3f of RTN's)%s%n", solver.descriptor().name(),
                    seconds, r, r / build.nearestTerms().reconstruction(),
                    result.notes().isEmpty() ? "" : "   " + result.notes());
        }
    }
}
