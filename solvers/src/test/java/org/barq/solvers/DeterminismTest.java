package org.barq.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.inject.Guice;
import java.util.Arrays;
import java.util.Map;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Same seed, same answer; and for coordinate descent on a row-separable J, the same answer for any thread count. */
class DeterminismTest {
    private static final SolverRegistry REGISTRY = Guice.createInjector(new SolversModule())
            .getInstance(SolverRegistry.class);

    private static boolean[] solve(String name, TestProblems.Instance instance, long seed, int threads,
                                   Map<String, String> options) {
        Solver solver = REGISTRY.get(name);
        SolverResult result = solver.solve(instance.problem(), instance.fresh(),
                TestProblems.context(solver, seed, threads, options));
        return result.assignment();
    }

    private static Map<String, String> quick(String name) {
        return switch (name) {
            case "local-search" -> Map.of("unimproved-steps", "300", "max-evaluations", "30000");
            case "adaround" -> Map.of("iterations", "500");
            case "coordinate-descent" -> Map.of("order", "random");
            default -> Map.of();
        };
    }

    @ParameterizedTest
    @CsvSource({
        "stochastic, true", "greedy, true", "coordinate-descent, true", "local-search, true", "adaround, true",
        "gptq, true", "stochastic, false", "greedy, false", "coordinate-descent, false", "local-search, false",
        "adaround, false", "gptq, false", "pair-search, true", "pair-search, false",
    })
    void sameSeedSameAssignment(String name, boolean separable) {
        TestProblems.Instance instance = TestProblems.instance(41, 5, 16, 3, separable);
        boolean[] first = solve(name, instance, 9, 1, quick(name));
        boolean[] second = solve(name, instance, 9, 2, quick(name));
        assertArrayEquals(first, second, name);
    }

    @ParameterizedTest
    @CsvSource({"cyclic", "random"})
    void coordinateDescentIsTheSameOnOneOrManyThreads(String order) {
        TestProblems.Instance instance = TestProblems.instance(42, 13, 20, 3, true);
        Map<String, String> options = Map.of("order", order);
        boolean[] one = solve("coordinate-descent", instance, 5, 1, options);
        for (int threads : new int[] {2, 3, 8}) {
            assertArrayEquals(one, solve("coordinate-descent", instance, 5, threads, options), threads + " threads");
        }
    }

    @Test
    void pairSearchIsTheSameOnOneOrManyThreads() {
        TestProblems.Instance instance = TestProblems.instance(44, 13, 24, 3, true);
        boolean[] one = solve("pair-search", instance, 5, 1, Map.of("kicks", "50"));
        for (int threads : new int[] {2, 3, 8}) {
            assertArrayEquals(one, solve("pair-search", instance, 5, threads, Map.of("kicks", "50")),
                    threads + " threads");
        }
    }

    @Test
    void stochasticDependsOnTheSeed() {
        TestProblems.Instance instance = TestProblems.instance(43, 5, 16, 3, true);
        assertFalse(Arrays.equals(solve("stochastic", instance, 1, 1, Map.of()),
                solve("stochastic", instance, 2, 1, Map.of())));
    }
}
