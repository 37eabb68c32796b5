package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.barq.api.objective.Objective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** FORMULATION §3.3: an incremental delta equals the difference of two full evaluations up to rounding. */
class IncrementalConsistencyTest {
    private static final int FLIPS = 500;
    private static final int LONG_RUN = 200_000;

    static Stream<Scenario> scenarios() {
        return Stream.of(
                Scenario.of(ObjectiveKind.RECONSTRUCTION, 0, 0.5, InputsMode.SEQUENTIAL, 0),
                Scenario.of(ObjectiveKind.RECONSTRUCTION, 0, 0.5, InputsMode.SEQUENTIAL, 1),
                Scenario.of(ObjectiveKind.RECONSTRUCTION, 0, 0.5, InputsMode.FLOAT, 2),
                Scenario.of(ObjectiveKind.GAP, 0, 0.5, InputsMode.SEQUENTIAL, 1),
                Scenario.of(ObjectiveKind.GAP, 0.7, 0.5, InputsMode.SEQUENTIAL, 0),
                Scenario.of(ObjectiveKind.GAP, 0.7, 0.5, InputsMode.SEQUENTIAL, 1),
                Scenario.of(ObjectiveKind.GAP, 2, 0.5, InputsMode.SEQUENTIAL, Scenario.LAST),
                Scenario.of(ObjectiveKind.GAP, 1, 0.5, InputsMode.FLOAT, Scenario.LAST),
                Scenario.of(ObjectiveKind.HINGE, 1.5, 0.5, InputsMode.SEQUENTIAL, 1),
                Scenario.of(ObjectiveKind.HINGE, 3, 1.0, InputsMode.SEQUENTIAL, Scenario.LAST),
                Scenario.of(ObjectiveKind.HINGE, 1, 0.3, InputsMode.FLOAT, 1));
    }

    private static double tolerance(double a, double b) {
        return 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-13;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyDeltaMatchesTwoFullEvaluations(Scenario scenario) {
        Objective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(scenario.seed() * 31);
        int n = objective.variables();
        assertTrue(n > 20, "the problem should have a fair number of variables, has " + n);
        double before = objective.recompute();
        assertEquals(before, objective.value(), tolerance(before, 0));
        for (int step = 0; step < FLIPS; step++) {
            int v = random.nextInt(n);
            double delta = objective.delta(v);
            assertEquals(before, objective.value(), tolerance(before, 0), "delta must not change the state");
            objective.flip(v);
            double after = objective.recompute();
            assertTrue(Double.isFinite(after), "J is " + after);
            assertEquals(after - before, delta, tolerance(before, after), "delta of variable " + v + " at step " + step);
            assertEquals(after, objective.value(), tolerance(after, 0), "value() after step " + step);
            before = after;
        }
    }

    /** A pair move's delta, same row or not, equals the change of two full evaluations and leaves no trace. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyPairDeltaMatchesTwoFullEvaluations(Scenario scenario) {
        Objective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(scenario.seed() * 17);
        int n = objective.variables();
        int sameRow = 0;
        for (int step = 0; step < 200; step++) {
            int v = random.nextInt(n);
            int w = step % 2 == 0 && v + 1 < n ? v + 1 : random.nextInt(n);
            if (w == v) {
                continue;
            }
            sameRow += step % 2 == 0 ? 1 : 0;
            double before = objective.recompute();
            boolean[] assignment = objective.assignment();
            double pair = objective.pairDelta(v, w);
            assertTrue(java.util.Arrays.equals(assignment, objective.assignment()), "pairDelta changed the state");
            assertEquals(before, objective.value(), tolerance(before, 0), "pairDelta changed the value");
            objective.flip(v);
            objective.flip(w);
            double after = objective.recompute();
            assertEquals(after - before, pair, tolerance(before, after), "pair " + v + ", " + w + " at step " + step);
            if (random.nextBoolean()) {
                objective.flip(w);
            }
        }
        assertTrue(sameRow > 50, "neighbouring variables mostly share a row");
    }

    /** A search applies millions of flips and never re-synchronises: the maintained state must not drift. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noDriftAfterALongFlipSequence(Scenario scenario) {
        Objective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(scenario.seed() * 131);
        int n = objective.variables();
        for (int step = 0; step < LONG_RUN; step++) {
            objective.flip(random.nextInt(n));
        }
        double full = objective.recompute();
        assertEquals(full, objective.value(), tolerance(full, 0), "value() after " + LONG_RUN + " flips");
        int v = random.nextInt(n);
        double delta = objective.delta(v);
        objective.flip(v);
        assertEquals(objective.recompute() - full, delta, tolerance(full, objective.recompute()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void termsAgreeWithValue(Scenario scenario) {
        DefaultLayerObjective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(scenario.seed());
        for (int step = 0; step < 40; step++) {
            objective.flip(random.nextInt(objective.variables()));
        }
        var terms = objective.terms();
        var nearest = objective.nearestTerms();
        double expected = terms.reconstruction() / nearest.reconstruction();
        if (scenario.spec().weightsSurrogate()) {
            expected += scenario.spec().lambda() * terms.surrogate() / nearest.surrogate();
        }
        assertEquals(expected, terms.value(), 1e-12 * Math.abs(expected));
        assertEquals(objective.value(), terms.value(), 0.0);
        assertEquals(scenario.spec().hasSurrogate(), terms.surrogate() > 0,
                "G is reported whenever there is a surrogate, weighted or not: " + terms);
    }
}
