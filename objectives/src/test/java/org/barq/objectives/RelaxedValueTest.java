package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The continuous relaxation for AdaRound: its corners are {@code J}, its gradient is {@code dJ/dh}. */
class RelaxedValueTest {

    static Stream<Scenario> scenarios() {
        return Stream.of(
                Scenario.of(ObjectiveKind.RECONSTRUCTION, 0, 0.5, InputsMode.SEQUENTIAL, 0),
                Scenario.of(ObjectiveKind.GAP, 0, 0.5, InputsMode.SEQUENTIAL, 1),
                Scenario.of(ObjectiveKind.GAP, 1.5, 0.5, InputsMode.SEQUENTIAL, 1),
                Scenario.of(ObjectiveKind.GAP, 0.8, 0.5, InputsMode.FLOAT, Scenario.LAST),
                Scenario.of(ObjectiveKind.HINGE, 2, 0.7, InputsMode.SEQUENTIAL, Scenario.LAST),
                Scenario.of(ObjectiveKind.HINGE, 1, 0.5, InputsMode.SEQUENTIAL, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void cornersEqualTheBinaryObjective(Scenario scenario) {
        DefaultLayerObjective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(8);
        int n = objective.variables();
        double[] gradient = new double[n];
        for (int round = 0; round < 4; round++) {
            boolean[] up = objective.assignment();
            double[] h = new double[n];
            for (int v = 0; v < n; v++) {
                h[v] = up[v] ? 1 : 0;
            }
            double value = objective.value();
            assertEquals(value, objective.relaxedValue(h, gradient), 1e-9 * Math.abs(value));
            assertEquals(value, objective.value(), 0.0, "relaxedValue must not change the state");
            for (int k = 0; k < 25; k++) {
                objective.flip(random.nextInt(n));
            }
        }
    }

    /**
     * Central differences with step 1e-6: {@code J} is quadratic in {@code h} for {@code R} and {@code gap}, so the
     * difference is exact up to rounding (about 1e-16 / 1e-6); the hinge is only C1, its difference errs by at most
     * the step times the jump of the curvature, also far below the tolerance.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void gradientMatchesCentralDifferences(Scenario scenario) {
        DefaultLayerObjective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(9);
        int n = objective.variables();
        double[] h = new double[n];
        for (int v = 0; v < n; v++) {
            h[v] = 0.1 + 0.8 * random.nextDouble();
        }
        double[] gradient = new double[n];
        double[] scratch = new double[n];
        objective.relaxedValue(h, gradient);
        double scale = 0;
        for (double g : gradient) {
            scale = Math.max(scale, Math.abs(g));
        }
        double step = 1e-6;
        for (int v = 0; v < n; v++) {
            double saved = h[v];
            h[v] = saved + step;
            double plus = objective.relaxedValue(h, scratch);
            h[v] = saved - step;
            double minus = objective.relaxedValue(h, scratch);
            h[v] = saved;
            assertEquals((plus - minus) / (2 * step), gradient[v], 1e-6 * Math.max(1, scale), "variable " + v);
        }
    }

    /**
     * The gradient-only path leaves out the dead input columns (the scenarios' first two features are always 0) and
     * uses float32 constants: the same gradient to {@code 1e-6} of its largest entry, the same bits on every call,
     * and the state untouched.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void relaxedGradientAgreesWithTheGradientOfRelaxedValue(Scenario scenario) {
        DefaultLayerObjective objective = scenario.setUp().objective();
        SplittableRandom random = new SplittableRandom(10);
        int n = objective.variables();
        double[] h = new double[n];
        for (int v = 0; v < n; v++) {
            h[v] = v % 5 == 0 ? v % 2 : random.nextDouble();
        }
        double value = objective.value();
        double[] exact = new double[n];
        objective.relaxedValue(h, exact);
        double[] fast = new double[n];
        objective.relaxedGradient(h, fast);
        double scale = 0;
        for (double g : exact) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int v = 0; v < n; v++) {
            assertEquals(exact[v], fast[v], 1e-6 * scale, "variable " + v);
        }
        double[] again = new double[n];
        objective.relaxedGradient(h, again);
        assertArrayEquals(fast, again);
        assertEquals(value, objective.value(), 0.0, "relaxedGradient must not change the state");
    }
}
