package org.barq.solvers;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.DenseLayer;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;

/** Random small rounding problems with a {@link QuadraticTestObjective}, and brute force for the optimum. */
public final class TestProblems {
    private TestProblems() {
    }

    /**
     * A layer problem and its objective.
     *
     * @param problem   the layer: random Gaussian weights, absmax grid, {@code H = X^T X} of correlated inputs
     * @param objective the quadratic test objective, at round-to-nearest
     */
    public record Instance(RoundingProblem problem, QuadraticTestObjective objective) {
        /** @return a fresh objective at round-to-nearest, independent of {@link #objective()} */
        public Objective fresh() {
            Objective o = objective.copy();
            o.assign(problem.space().nearest());
            return o;
        }
    }

    /**
     * @param seed      the random seed
     * @param out       rows
     * @param in        columns
     * @param bits      grid bits
     * @param separable whether the objective is row-separable ({@code mu = 0}) or coupled ({@code mu = 1})
     * @return a random instance
     */
    public static Instance instance(long seed, int out, int in, int bits, boolean separable) {
        return instance(seed, out, in, bits, separable, 0);
    }

    /**
     * @param seed      the random seed
     * @param out       rows
     * @param in        columns
     * @param bits      grid bits
     * @param separable whether the objective is row-separable ({@code mu = 0}) or coupled ({@code mu = 1})
     * @param groupSize inputs per scale, 0 for one scale per row
     * @return a random instance; the same weights and {@code H} as without groups for the same seed
     */
    public static Instance instance(long seed, int out, int in, int bits, boolean separable, int groupSize) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] weights = new float[out * in];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (0.5 * gaussian(random));
        }
        DenseLayer layer = new DenseLayer(out, in, weights, new float[out]);
        LayerGrid grid = LayerGrid.fit(layer, new GridSpec(bits, ScaleMethod.ABSMAX, groupSize));
        RoundingSpace space = RoundingSpace.of(layer, grid);
        int samples = 4 * in + 8;
        double[] mix = new double[in * in];
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < in; k++) {
                mix[j * in + k] = (j == k ? 1.0 : 0.0) + 0.6 * gaussian(random);
            }
        }
        double[] x = new double[samples * in];
        double[] z = new double[in];
        for (int n = 0; n < samples; n++) {
            for (int k = 0; k < in; k++) {
                z[k] = gaussian(random);
            }
            for (int j = 0; j < in; j++) {
                double sum = 0;
                for (int k = 0; k < in; k++) {
                    sum += z[k] * mix[k * in + j];
                }
                x[n * in + j] = sum;
            }
        }
        double[] h = new double[in * in];
        for (int n = 0; n < samples; n++) {
            for (int j = 0; j < in; j++) {
                for (int k = 0; k < in; k++) {
                    h[j * in + k] += x[n * in + j] * x[n * in + k];
                }
            }
        }
        RoundingProblem problem = new RoundingProblem(0, layer, space, h, samples);
        double[] a = new double[out * in];
        for (int i = 0; i < a.length; i++) {
            a[i] = gaussian(random);
        }
        return new Instance(problem, new QuadraticTestObjective(problem, a, separable ? 0.0 : 1.0));
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * @param solver  the solver the options are for
     * @param seed    the solve seed
     * @param threads worker threads
     * @param options solver options as strings
     * @return a context with a generous time limit, so that only step limits end a solve
     */
    public static SolveContext context(Solver solver, long seed, int threads, Map<String, String> options) {
        return new SolveContext(seed, Duration.ofMinutes(5), threads, SolverOptions.of(solver.descriptor(), options));
    }

    /**
     * Enumerates every assignment in Gray-code order on a copy of the objective.
     *
     * @param objective an objective with at most about 20 variables
     * @return the minimum of {@code J}, recomputed from scratch at the best assignment
     */
    public static double bruteForceMinimum(Objective objective) {
        Objective o = objective.copy();
        int n = o.variables();
        o.assign(new boolean[n]);
        double best = o.value();
        boolean[] bestUp = o.assignment();
        for (long k = 1; k < (1L << n); k++) {
            o.flip(Long.numberOfTrailingZeros(k));
            double value = o.value();
            if (value < best) {
                best = value;
                bestUp = o.assignment();
            }
        }
        o.assign(bestUp);
        return o.recompute();
    }
}
