package org.barq.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.barq.api.objective.Objective;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.coordinatedescent.CoordinateDescentSolver;
import org.barq.solvers.greedy.GreedySolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The descents stop only where no single flip improves J, and never above their start. */
class LocalOptimumTest {

    private static Solver solver(String name) {
        return name.equals("greedy") ? new GreedySolver() : new CoordinateDescentSolver();
    }

    @ParameterizedTest
    @CsvSource({
        "greedy, true, cyclic", "greedy, false, cyclic",
        "coordinate-descent, true, cyclic", "coordinate-descent, false, cyclic",
        "coordinate-descent, true, random", "coordinate-descent, false, random",
    })
    void endsAtAOneFlipLocalOptimum(String name, boolean separable, String order) {
        Solver solver = solver(name);
        for (long seed = 0; seed < 4; seed++) {
            TestProblems.Instance instance = TestProblems.instance(300 + seed, 6, 24, 3, separable);
            Objective objective = instance.fresh();
            double start = objective.value();
            Map<String, String> options = name.equals("greedy") ? Map.of() : Map.of("order", order);
            SolverResult result = solver.solve(instance.problem(), objective,
                    TestProblems.context(solver, seed, 2, options));
            assertArrayEquals(result.assignment(), objective.assignment(), "objective left at the result");
            double tolerance = 1e-12 * Math.abs(start);
            for (int v = 0; v < objective.variables(); v++) {
                assertTrue(objective.delta(v) >= -tolerance, name + ": flip " + v + " still improves by "
                        + objective.delta(v));
            }
            assertTrue(objective.recompute() < start, name + " did not improve on RTN");
            assertTrue(result.steps() > 0);
            var points = result.trace().points();
            assertEquals(start, points.get(0).value());
            assertEquals(objective.value(), points.get(points.size() - 1).value());
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void greedyStopsAtItsFlipBudget(boolean separable) {
        Solver solver = new GreedySolver();
        TestProblems.Instance instance = TestProblems.instance(77, 6, 24, 3, separable);
        Objective objective = instance.fresh();
        SolverResult result = solver.solve(instance.problem(), objective,
                TestProblems.context(solver, 0, 1, Map.of("max-flips", "3")));
        assertEquals(3, result.steps());
        int changed = 0;
        boolean[] nearest = instance.problem().space().nearest();
        for (int v = 0; v < nearest.length; v++) {
            changed += nearest[v] != result.assignment()[v] ? 1 : 0;
        }
        assertTrue(changed <= 3 && changed >= 1, "changed " + changed);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void greedyTakesTheMostNegativeDeltaFirst(boolean separable) {
        TestProblems.Instance instance = TestProblems.instance(78, 5, 12, 3, separable);
        Objective probe = instance.fresh();
        int best = 0;
        for (int v = 1; v < probe.variables(); v++) {
            if (probe.delta(v) < probe.delta(best)) {
                best = v;
            }
        }
        Solver solver = new GreedySolver();
        SolverResult result = solver.solve(instance.problem(), instance.fresh(),
                TestProblems.context(solver, 0, 1, Map.of("max-flips", "1")));
        boolean[] expected = instance.problem().space().nearest();
        expected[best] = !expected[best];
        assertArrayEquals(expected, result.assignment());
    }
}
