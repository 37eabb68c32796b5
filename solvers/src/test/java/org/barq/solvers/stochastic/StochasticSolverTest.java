package org.barq.solvers.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.FractionalPart;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;

class StochasticSolverTest {

    @Test
    void upFrequencyMatchesTheFractionalParts() {
        TestProblems.Instance instance = TestProblems.instance(800, 40, 50, 4, true);
        RoundingProblem problem = instance.problem();
        StochasticSolver solver = new StochasticSolver();
        SolverResult result = solver.solve(problem, instance.fresh(), TestProblems.context(solver, 3, 1, Map.of()));
        double expected = 0;
        double variance = 0;
        int ups = 0;
        for (int v = 0; v < problem.space().variables(); v++) {
            double f = FractionalPart.of(problem, v);
            expected += f;
            variance += f * (1 - f);
            ups += result.assignment()[v] ? 1 : 0;
            if (f == 0.0 || f == 1.0) {
                assertEquals(f == 1.0, result.assignment()[v], "a certain choice is never sampled otherwise");
            }
        }
        assertTrue(Math.abs(ups - expected) < 4 * Math.sqrt(variance), ups + " ups, expected " + expected);
        assertEquals(problem.space().variables(), result.steps());
    }
}
