package org.barq.solvers.adaround;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.barq.api.objective.Objective;
import org.barq.api.solver.ObjectiveTrace;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.AbstractForwardingObjective;
import org.barq.solvers.FractionalPart;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaRoundTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e-9, 0.25, 0.5, 0.75, 1.0 - 1e-9, 1.0})
    void initialisationReproducesTheFractionalPart(double fraction) {
        assertEquals(fraction, RectifiedSigmoid.value(RectifiedSigmoid.inverse(fraction)), 1e-12);
    }

    @Test
    void rectifiedSigmoidDerivativeMatchesFiniteDifferencesAndVanishesWhereClamped() {
        for (double v = -2.5; v <= 2.5; v += 0.25) {
            double numeric = (RectifiedSigmoid.value(v + 1e-7) - RectifiedSigmoid.value(v - 1e-7)) / 2e-7;
            assertEquals(numeric, RectifiedSigmoid.derivative(v), 1e-6, "V = " + v);
        }
        assertEquals(0.0, RectifiedSigmoid.derivative(5));
        assertEquals(1.0, RectifiedSigmoid.value(5));
        assertEquals(0.0, RectifiedSigmoid.value(-5));
        // the hot loop's shortcut: from |V| = SATURATED on, h is exactly 0 or 1 and dh/dV is 0
        for (double v = RectifiedSigmoid.SATURATED; v < 40; v += 0.001) {
            assertEquals(1.0, RectifiedSigmoid.value(v), "V = " + v);
            assertEquals(0.0, RectifiedSigmoid.value(-v), "V = " + -v);
            assertEquals(0.0, RectifiedSigmoid.derivative(v));
            assertEquals(0.0, RectifiedSigmoid.derivative(-v));
        }
        assertTrue(RectifiedSigmoid.value(2.39) < 1 && RectifiedSigmoid.value(-2.39) > 0, "and not much before");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lossGradientMatchesFiniteDifferences(boolean regularised) {
        TestProblems.Instance instance = TestProblems.instance(700, 3, 6, 3, false);
        Objective objective = instance.fresh();
        int n = objective.variables();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = -1.5 + 3.0 * ((i * 7) % 13) / 13.0;
        }
        double reg = 0.3;
        double beta = 7.5;
        Relaxation relaxation = new Relaxation(objective, v.clone(), reg, new Adam(1e-3, n));
        relaxation.computeRelaxedGradient();
        for (int i = 0; i < n; i++) {
            double[] plus = v.clone();
            double[] minus = v.clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            double numeric = (loss(objective, plus, regularised, reg, beta)
                    - loss(objective, minus, regularised, reg, beta)) / 2e-6;
            assertEquals(numeric, relaxation.lossGradient(i, regularised, beta),
                    1e-5 * Math.max(1, Math.abs(numeric)), "variable " + i);
        }
    }

    /** {@code L(V)} written out from its definition, independently of {@link Relaxation}. */
    private static double loss(Objective objective, double[] v, boolean regularised, double reg, double beta) {
        double[] h = new double[v.length];
        double penalty = 0;
        for (int i = 0; i < v.length; i++) {
            h[i] = RectifiedSigmoid.value(v[i]);
            penalty += 1 - Math.pow(Math.abs(2 * h[i] - 1), beta);
        }
        return objective.relaxedValue(h, new double[v.length]) + (regularised ? reg * penalty : 0);
    }

    /** Once clamped, a variable has no gradient, and Adam, fed zeros, moves it only further into the clamp. */
    @Test
    void aClampedVariableIsFrozenAndLeftAlone() {
        TestProblems.Instance instance = TestProblems.instance(703, 3, 6, 3, false);
        Objective objective = instance.fresh();
        int n = objective.variables();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = -1 + 2.0 * i / n;
        }
        v[0] = RectifiedSigmoid.SATURATED + 1;
        v[1] = -RectifiedSigmoid.SATURATED - 1;
        double[] before = v.clone();
        Relaxation relaxation = new Relaxation(objective, v, 0.01, new Adam(0.1, n));
        try (ParallelChunks chunks = new ParallelChunks(n, 1)) {
            relaxation.step(true, 10, chunks);
        }
        assertTrue(relaxation.frozen()[0] && relaxation.frozen()[1]);
        for (int i = 2; i < n; i++) {
            assertFalse(relaxation.frozen()[i], "variable " + i + " is not clamped");
            assertTrue(relaxation.parameters()[i] != before[i], "variable " + i + " moves");
        }
        assertEquals(before[0], relaxation.parameters()[0]);
        assertEquals(before[1], relaxation.parameters()[1]);
        assertTrue(relaxation.hardRounding()[0] && !relaxation.hardRounding()[1]);
    }

    @Test
    void betaFollowsTheCosineScheduleAfterTheWarmup() {
        AdaRoundOptions options = new AdaRoundOptions(1000, 1e-3, 0.01, 0.2, 20, 2);
        assertEquals(200, options.warmupIterations());
        assertEquals(20.0, options.beta(200), 1e-12);
        assertEquals(11.0, options.beta(600), 1e-12);
        assertEquals(2.0, options.beta(1000), 1e-12);
        assertTrue(options.beta(300) > 11.0 + 9.0 * 0.5, "cosine stays high early, unlike a linear decay");
    }

    @Test
    void withoutIterationsOfWorthItRoundsTheFractionsToNearest() {
        TestProblems.Instance instance = TestProblems.instance(701, 4, 8, 3, true);
        AdaRoundSolver solver = new AdaRoundSolver();
        Objective objective = instance.fresh();
        SolverResult result = solver.solve(instance.problem(), objective,
                TestProblems.context(solver, 0, 1, Map.of("iterations", "1", "lr", "1e-12")));
        boolean[] nearest = instance.problem().space().nearest();
        for (int v = 0; v < nearest.length; v++) {
            double fraction = FractionalPart.of(instance.problem(), v);
            if (Math.abs(fraction - 0.5) > 1e-6) {
                assertEquals(nearest[v], result.assignment()[v], "variable " + v);
            }
        }
    }

    /**
     * An objective whose relaxation pulls every variable away from its nearest choice: the hard rounding is then far
     * worse than round-to-nearest, and the solver must return the start and record both values.
     */
    @Test
    void fallsBackToTheStartWhenTheRoundingIsWorseAndSaysSoInTheTrace() {
        TestProblems.Instance instance = TestProblems.instance(702, 4, 8, 3, true);
        AdaRoundSolver solver = new AdaRoundSolver();
        Objective objective = new MisleadingRelaxation(instance.fresh());
        double start = objective.value();
        SolverResult result = solver.solve(instance.problem(), objective,
                TestProblems.context(solver, 0, 1, Map.of("iterations", "200", "lr", "0.1", "reg", "0")));
        assertArrayEquals(instance.problem().space().nearest(), result.assignment());
        assertEquals(start, objective.value(), 1e-15);
        List<ObjectiveTrace.Point> points = result.trace().points();
        ObjectiveTrace.Point rounded = points.get(points.size() - 2);
        ObjectiveTrace.Point last = points.get(points.size() - 1);
        assertEquals(start, last.value(), 1e-15);
        assertTrue(rounded.value() > start, "the discarded rounding is recorded before the fall-back");
        assertEquals(200, rounded.step());
        assertEquals(200, last.step());
    }

    /** Reports a relaxed gradient that favours the opposite of each variable's starting (nearest) choice. */
    private static final class MisleadingRelaxation extends AbstractForwardingObjective {
        private final boolean[] start;

        MisleadingRelaxation(Objective inner) {
            super(inner);
            this.start = inner.assignment();
        }

        @Override
        public void relaxedGradient(double[] h, double[] gradient) {
            for (int v = 0; v < gradient.length; v++) {
                gradient[v] = start[v] ? 1.0 : -1.0;
            }
        }

        @Override
        public Objective copy() {
            return new MisleadingRelaxation(inner.copy());
        }
    }

    @Test
    void improvesOnNearestWithTheDefaults() {
        TestProblems.Instance instance = TestProblems.instance(703, 6, 24, 3, true);
        AdaRoundSolver solver = new AdaRoundSolver();
        Objective objective = instance.fresh();
        double start = objective.value();
        SolverResult result = solver.solve(instance.problem(), objective, TestProblems.context(solver, 0, 1, Map.of()));
        assertTrue(objective.value() < start, objective.value() + " vs RTN " + start);
        assertEquals(10000, result.steps());
    }
}
