package org.barq.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.barq.solvers.adaround.AdaRoundSolver;
import org.barq.solvers.coordinatedescent.CoordinateDescentSolver;
import org.barq.solvers.exact.ExactSolver;
import org.barq.solvers.gptq.GptqSolver;
import org.barq.solvers.greedy.GreedySolver;
import org.barq.solvers.localsearch.LocalSearchSolver;
import org.barq.solvers.nearest.NearestSolver;
import org.barq.solvers.pairsearch.PairSearchSolver;

/**
 * How far each solver lands above the exact optimum (issue 16's certificate): small layers whose every row the
 * branch and bound of {@link ExactSolver} solves, with strongly correlated inputs ({@code x = z M}, {@code z}
 * standard Gaussian, {@code M = I + 0.6 G} with {@code G} Gaussian), where the rounding choices interact most. Prints,
 * per bit width and solver, the mean and the largest {@code (J - J*) / J*} over the layers and on how many it reached
 * the optimum. Deterministic: every solver runs with a step budget, not a clock.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *     org.barq.benchmarks.OptimalityGap [LAYERS [ROWS [IN]]]</pre>
 * (defaults 20 layers of 8 rows x 24 inputs, 256 calibration samples; run {@code mvn -Pbench package -DskipTests}
 * first).
 */
public final class OptimalityGap {
    private static final int SAMPLES = 256;
    private static final double SAME = 1e-9;

    private OptimalityGap() {
    }

    /** @param args optional {@code LAYERS ROWS IN} */
    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int in = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        table(layers, rows, in).forEach(System.out::println);
    }

    /** @return the table's lines, a heading first */
    static List<String> table(int layers, int rows, int in) {
        List<String> lines = new ArrayList<>();
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("nearest", new Run(new NearestSolver(), Map.of()));
        runs.put("greedy", new Run(new GreedySolver(), Map.of()));
        runs.put("coordinate-descent", new Run(new CoordinateDescentSolver(), Map.of()));
        runs.put("gptq", new Run(new GptqSolver(), Map.of()));
        runs.put("coordinate-descent start=gptq", new Run(new CoordinateDescentSolver(), Map.of("start", "gptq")));
        runs.put("adaround", new Run(new AdaRoundSolver(), Map.of()));
        runs.put("local-search (tabu, 200 000 evaluations)", new Run(new LocalSearchSolver(),
                Map.of("max-evaluations", "200000", "unimproved-steps", "2000")));
        runs.put("pair-search", new Run(new PairSearchSolver(), Map.of()));
        lines.add(String.format(Locale.ROOT, "%d layers of %d x %d, N = %d, inputs x = z (I + 0.6 G)", layers, rows,
                in, SAMPLES));
        lines.add("");
        lines.add("| bits | solver | mean (J - J*) / J* | largest | optimum reached |");
        lines.add("| --- | --- | --- | --- | --- |");
        for (int bits : new int[] {3, 4}) {
            double[][] excess = new double[runs.size()][layers];
            for (int l = 0; l < layers; l++) {
                LayerBuild build = layer(1000L * bits + l, rows, in, bits);
                double optimum = value(build, new ExactSolver(), Map.of(), l);
                int s = 0;
                for (Run run : runs.values()) {
                    excess[s++][l] = (value(build, run.solver(), run.options(), l) - optimum) / optimum;
                }
            }
            int s = 0;
            for (String name : runs.keySet()) {
                double sum = 0;
                double max = 0;
                int reached = 0;
                for (double e : excess[s]) {
                    sum += e;
                    max = Math.max(max, e);
                    reached += e <= SAME ? 1 : 0;
                }
                s++;
                lines.add(String.format(Locale.ROOT, "| %d | `%s` | %.4f | %.4f | %d of %d |", bits, name,
                        sum / layers, max, reached, layers));
            }
        }
        return lines;
    }

    private record Run(Solver solver, Map<String, String> options) {
    }

    private static LayerBuild layer(long seed, int rows, int in, int bits) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] mix = new double[in * in];
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < in; k++) {
                mix[j * in + k] = (j == k ? 1.0 : 0.0) + 0.6 * random.nextGaussian();
            }
        }
        float[] x = new float[SAMPLES * in];
        double[] z = new double[in];
        for (int n = 0; n < SAMPLES; n++) {
            for (int k = 0; k < in; k++) {
                z[k] = random.nextGaussian();
            }
            for (int j = 0; j < in; j++) {
                double sum = 0;
                for (int k = 0; k < in; k++) {
                    sum += z[k] * mix[k * in + j];
                }
                x[n * in + j] = (float) sum;
            }
        }
        return RandomLayers.build(x, SAMPLES, in, rows, bits, random);
    }

    /** @return {@code J} of the solver's choices, recomputed from scratch */
    private static double value(LayerBuild build, Solver solver, Map<String, String> options, long seed) {
        Objective objective = build.objective().copy();
        SolveContext context = new SolveContext(seed, Duration.ofMinutes(10), 1,
                SolverOptions.of(solver.descriptor(), options));
        SolverResult result = solver.solve(build.problem(), objective, context);
        objective.assign(result.assignment());
        return objective.recompute();
    }
}
