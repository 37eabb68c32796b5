package org.barq.solvers.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.objective.Objective;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.TestProblems;
import org.barq.solvers.pairsearch.PairSearchSolver;
import org.junit.jupiter.api.Test;

/** The certificate agrees with enumeration, and holds pair-search to within 1 % of the optimum on small layers. */
class ExactSolverTest {
    private static double valueOf(TestProblems.Instance instance, boolean[] assignment) {
        Objective check = instance.fresh();
        check.assign(assignment);
        return check.recompute();
    }

    private static double solve(Solver solver, TestProblems.Instance instance, long seed) {
        SolverResult result = solver.solve(instance.problem(), instance.fresh(),
                TestProblems.context(solver, seed, 1, Map.of()));
        return valueOf(instance, result.assignment());
    }

    @Test
    void branchAndBoundFindsTheEnumeratedOptimum() {
        for (int p = 0; p < 12; p++) {
            TestProblems.Instance instance = TestProblems.instance(2000 + p, 2, 8 + p % 4, 2 + p % 3, true);
            double optimum = TestProblems.bruteForceMinimum(instance.objective());
            assertEquals(optimum, solve(new ExactSolver(), instance, p), 1e-9 * Math.abs(optimum), "problem " + p);
        }
    }

    /** The target for the heuristic: on average within 1 % of the optimum on small correlated layers. */
    @Test
    void pairSearchLandsWithinOnePercentOfTheOptimumOnAverage() {
        double excess = 0;
        int layers = 10;
        for (int p = 0; p < layers; p++) {
            TestProblems.Instance instance = TestProblems.instance(3000 + p, 6, 24, 3, true);
            double optimum = solve(new ExactSolver(), instance, p);
            double heuristic = solve(new PairSearchSolver(), instance, p);
            assertTrue(heuristic >= optimum - 1e-9 * Math.abs(optimum), "below the optimum on layer " + p);
            excess += (heuristic - optimum) / Math.abs(optimum);
        }
        assertTrue(excess / layers <= 0.01, "pair-search is " + (100 * excess / layers) + " % above the optimum");
    }

    @Test
    void rowsTooLongOrCoupledAreRefusedInOneLine() {
        TestProblems.Instance wide = TestProblems.instance(1, 2, 40, 4, true);
        String m = assertThrows(InvalidInputException.class, () -> solve(new ExactSolver(), wide, 0)).getMessage();
        assertTrue(m.contains("at most 30 variables") && m.contains("Maybe pair-search"), m);
        TestProblems.Instance coupled = TestProblems.instance(1, 2, 8, 3, false);
        String c = assertThrows(InvalidInputException.class, () -> solve(new ExactSolver(), coupled, 0)).getMessage();
        assertTrue(c.contains("lambda = 0"), c);
    }
}
