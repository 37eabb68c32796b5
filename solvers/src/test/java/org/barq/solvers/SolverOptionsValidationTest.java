package org.barq.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.Solver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options fail before any work, with a one-line message naming the option and its value. */
class SolverOptionsValidationTest {
    private static final SolverRegistry REGISTRY = Guice.createInjector(new SolversModule())
            .getInstance(SolverRegistry.class);

    private static void solveWith(String solverName, Map<String, String> options) {
        Solver solver = REGISTRY.get(solverName);
        TestProblems.Instance instance = TestProblems.instance(5, 2, 4, 3, true);
        solver.solve(instance.problem(), instance.fresh(), TestProblems.context(solver, 1, 1, options));
    }

    @ParameterizedTest
    @CsvSource({
        "greedy, max-flips, many",
        "greedy, max-flips, -1",
        "coordinate-descent, order, zigzag",
        "coordinate-descent, max-sweeps, 0",
        "coordinate-descent, start, gptx",
        "local-search, algorithm, genetic",
        "local-search, max-steps, 0",
        "local-search, unimproved-steps, -5",
        "local-search, max-evaluations, 0",
        "local-search, tabu-size, 0",
        "local-search, late-acceptance-size, x",
        "local-search, temperature, 0",
        "local-search, temperature, NaN",
        "local-search, assert, yes",
        "adaround, iterations, 0",
        "adaround, lr, 0",
        "adaround, reg, -0.1",
        "adaround, warmup, 1",
        "adaround, beta-start, 1",
        "adaround, beta-end, 0.5",
        "gptq, damp, 0",
        "gptq, damp, Infinity",
    })
    void badValueIsRejected(String solver, String option, String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> solveWith(solver, Map.of(option, value)));
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"stochastic", "greedy", "coordinate-descent", "local-search", "adaround", "gptq", "nearest",
        "pair-search"})
    void unknownOptionIsRejected(String solver) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> solveWith(solver, Map.of("speed", "11")));
        assertTrue(e.getMessage().contains("'speed'"), e.getMessage());
    }

    @Test
    void aSettingOfAnotherAlgorithmIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> solveWith("local-search",
                Map.of("algorithm", "late-acceptance", "tabu-size", "9")));
        assertEquals("local-search option tabu-size=9 is read only by algorithm=tabu, and algorithm=late-acceptance"
                + " would ignore it. Maybe algorithm=tabu, or drop tabu-size?", e.getMessage());
        assertThrows(InvalidInputException.class, () -> solveWith("local-search", Map.of("temperature", "2")));
        InvalidInputException kicks = assertThrows(InvalidInputException.class, () -> solveWith("pair-search",
                Map.of("kicks", "0", "kick-size", "5")));
        assertEquals("pair-search option kick-size=5 sizes the kicks, and kicks=0 runs none. Maybe kicks=1000, or drop"
                + " kick-size?", kicks.getMessage());
    }

    @Test
    void goodValuesAreAccepted() {
        solveWith("coordinate-descent", Map.of("order", "random", "max-sweeps", "3"));
        solveWith("adaround", Map.of("iterations", "50", "lr", "0.01", "reg", "0", "warmup", "0"));
        // From RTN: on the longer walk from GPTQ's choices this test objective's incremental value drifts 7.5e-11
        // from its recompute, which FULL_ASSERT rightly reports (the real objective's drift is tested elsewhere).
        solveWith("local-search", Map.of("algorithm", "late-acceptance", "max-steps", "100", "assert", "true",
                "start", "nearest"));
    }
}
