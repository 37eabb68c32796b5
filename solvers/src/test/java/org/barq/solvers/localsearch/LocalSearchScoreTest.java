package org.barq.solvers.localsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.barq.api.objective.Objective;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.AbstractForwardingObjective;
import org.barq.solvers.TestProblems;
import org.barq.solvers.TraceRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OptaPlanner's view of the score equals J, and the assertion mode checks what it claims to. */
class LocalSearchScoreTest {
    private final LocalSearchSolver solver = new LocalSearchSolver();

    @ParameterizedTest
    @CsvSource({
        "tabu, true", "tabu, false", "late-acceptance, true", "late-acceptance, false",
        "simulated-annealing, true", "simulated-annealing, false",
    })
    void bestScoreIsJOfTheReturnedAssignment(String algorithm, boolean separable) {
        TestProblems.Instance instance = TestProblems.instance(51, 6, 20, 3, separable);
        Objective objective = instance.fresh();
        double start = objective.value();
        LocalSearchSolver.Outcome outcome = solver.search(instance.problem(), objective, TestProblems.context(solver, 3, 1,
                Map.of("algorithm", algorithm, "unimproved-steps", "500", "max-evaluations", "100000", "start", "nearest")),
                new TraceRecorder(start));
        assertEquals(start, objective.value(), "search leaves the caller's objective alone");
        Objective check = instance.fresh();
        check.assign(outcome.best().assignment());
        double quantum = ObjectiveScoring.RESOLUTION * Math.abs(start);
        assertEquals(check.recompute(), outcome.bestValue(), quantum);
        assertTrue(outcome.bestValue() < start, "no improvement on RTN");
        assertTrue(outcome.calculations() > 0);
    }

    @ParameterizedTest
    @CsvSource({"tabu", "late-acceptance", "simulated-annealing"})
    void fullAssertModePassesOnASmallProblem(String algorithm) {
        for (boolean separable : new boolean[] {true, false}) {
            TestProblems.Instance instance = TestProblems.instance(52, 3, 6, 3, separable);
            Objective objective = instance.fresh();
            double start = objective.value();
            SolverResult result = solver.solve(instance.problem(), objective, TestProblems.context(solver, 4, 1,
                    Map.of("algorithm", algorithm, "assert", "true", "max-steps", "200", "unimproved-steps", "100",
                            "max-evaluations", "5000")));
            assertTrue(objective.value() <= start);
            assertEquals(objective.value(), result.trace().points().get(result.trace().points().size() - 1).value());
        }
    }

    @Test
    void assertModeCatchesAnIncrementalValueThatDrifts() {
        TestProblems.Instance instance = TestProblems.instance(53, 3, 6, 3, true);
        Objective drifting = new DriftingObjective(instance.fresh());
        RuntimeException e = assertThrows(RuntimeException.class, () -> solver.solve(instance.problem(), drifting,
                TestProblems.context(solver, 4, 1, Map.of("assert", "true", "max-steps", "50"))));
        Throwable cause = e;
        while (cause.getCause() != null && !cause.getMessage().contains("full recompute")) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("full recompute"), e.toString());
    }

    /** An objective whose incremental value gains a small error with every flip, as a buggy one would. */
    private static final class DriftingObjective extends AbstractForwardingObjective {
        private double drift;

        DriftingObjective(Objective inner) {
            super(inner);
        }

        @Override
        public double value() {
            return inner.value() + drift;
        }

        @Override
        public void flip(int v) {
            inner.flip(v);
            drift += 1e-6 * Math.abs(inner.value());
        }

        @Override
        public void assign(boolean[] up) {
            inner.assign(up);
            drift = 0;
        }

        @Override
        public Objective copy() {
            DriftingObjective c = new DriftingObjective(inner.copy());
            c.drift = drift;
            return c;
        }
    }
}
