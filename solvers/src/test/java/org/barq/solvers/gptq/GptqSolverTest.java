package org.barq.solvers.gptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.Deadline;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;

class GptqSolverTest {
    private final GptqSolver solver = new GptqSolver();

    private static Deadline generous() {
        return Deadline.of(new SolveContext(0, Duration.ofMinutes(1), 1,
                SolverOptions.defaults(new GptqSolver().descriptor())));
    }

    /**
     * With {@code X_q = X_f} and no surrogate the test objective is exactly {@code R}. GPTQ's own rounding (before the
     * fall-back guard) must beat round-to-nearest on most problems, and the solver's result is never worse.
     */
    @Test
    void reconstructionWithEqualInputsBeatsNearest() {
        int better = 0;
        int problems = 12;
        for (int p = 0; p < problems; p++) {
            TestProblems.Instance instance = TestProblems.instance(600 + p, 8, 32, 3, true);
            RoundingProblem problem = instance.problem();
            Objective objective = instance.fresh();
            double nearest = objective.terms().reconstruction();
            boolean[] raw = new boolean[problem.space().variables()];
            GptqSolver.round(problem, InverseHessianFactor.upper(problem.hessian(), problem.layer().in(), 0.01), raw,
                    generous());
            Objective check = instance.fresh();
            check.assign(raw);
            better += check.terms().reconstruction() < nearest ? 1 : 0;
            SolverResult result = solver.solve(problem, objective, TestProblems.context(solver, 0, 1, Map.of()));
            check.assign(result.assignment());
            assertTrue(check.terms().reconstruction() <= nearest, "problem " + p);
            assertEquals(columnsOf(problem), result.steps());
        }
        assertTrue(better >= problems - 1, "GPTQ beat RTN on only " + better + " of " + problems);
    }

    private static long columnsOf(RoundingProblem problem) {
        return problem.layer().in();
    }

    @Test
    void diagonalHessianSpreadsNoErrorSoGivesNearest() {
        TestProblems.Instance instance = TestProblems.instance(610, 6, 10, 3, true);
        RoundingProblem p = instance.problem();
        int in = p.layer().in();
        double[] diagonal = new double[in * in];
        for (int j = 0; j < in; j++) {
            diagonal[j * in + j] = 1.0 + j;
        }
        RoundingProblem diag = new RoundingProblem(0, p.layer(), p.space(), diagonal, p.samples());
        boolean[] up = new boolean[p.space().variables()];
        GptqSolver.round(diag, InverseHessianFactor.upper(diagonal, in, 0.01), up, generous());
        assertArrayEquals(p.space().nearest(), up);
    }

    @Test
    void factorIsTheUpperCholeskyOfTheDampedInverse() {
        int in = 4;
        double[] h = {4, 1, 0, 0, 1, 3, 0.5, 0, 0, 0.5, 2, 0, 0, 0, 0, 0};
        double damp = 0.1;
        double[] u = InverseHessianFactor.upper(h, in, damp);
        double mean = (4 + 3 + 2) / 4.0;
        double[] damped = h.clone();
        for (int j = 0; j < in; j++) {
            damped[j * in + j] += damp * mean;
        }
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < j; k++) {
                assertEquals(0.0, u[j * in + k], "below the diagonal");
            }
        }
        double norm = mean + damp * mean;
        for (int a = 0; a < in; a++) {
            for (int b = 0; b < in; b++) {
                double product = 0;
                for (int k = 0; k < in; k++) {
                    double inverse = 0;
                    for (int m = 0; m < in; m++) {
                        inverse += u[m * in + a] * u[m * in + k];
                    }
                    product += inverse * damped[k * in + b] / norm;
                }
                assertEquals(a == b ? 1.0 : 0.0, product, 1e-10, "(U^T U)(H + dI)/norm at " + a + "," + b);
            }
        }
    }
}
