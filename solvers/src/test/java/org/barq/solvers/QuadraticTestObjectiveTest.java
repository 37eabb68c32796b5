package org.barq.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.barq.api.objective.Objective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test objective honours the contract the solvers rely on; otherwise the solver tests prove nothing. */
class QuadraticTestObjectiveTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deltaEqualsDifferenceOfFullEvaluations(boolean separable) {
        Objective o = TestProblems.instance(11, 4, 7, 3, separable).fresh();
        assertEquals(separable, o.rowSeparable());
        for (int round = 0; round < 3; round++) {
            for (int v = 0; v < o.variables(); v++) {
                double before = o.recompute();
                double delta = o.delta(v);
                o.flip(v);
                double after = o.recompute();
                assertEquals(after - before, delta, 1e-12 * Math.max(1, Math.abs(before)), "variable " + v);
                assertEquals(after, o.value(), 1e-12 * Math.max(1, Math.abs(after)));
                if ((v + round) % 3 != 0) {
                    o.flip(v);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void relaxedValueMatchesBinaryValueAndFiniteDifferences(boolean separable) {
        Objective o = TestProblems.instance(12, 3, 6, 3, separable).fresh();
        int n = o.variables();
        double[] h = new double[n];
        boolean[] up = o.assignment();
        for (int v = 0; v < n; v++) {
            h[v] = up[v] ? 1 : 0;
        }
        double[] gradient = new double[n];
        assertEquals(o.value(), o.relaxedValue(h, gradient), 1e-12);
        for (int v = 0; v < n; v++) {
            h[v] = 0.1 + 0.8 * ((v * 37) % 11) / 11.0;
        }
        double base = o.relaxedValue(h, gradient);
        double step = 1e-6;
        for (int v = 0; v < n; v++) {
            double[] moved = h.clone();
            moved[v] += step;
            double[] ignored = new double[n];
            double numeric = (o.relaxedValue(moved, ignored) - base) / step;
            assertEquals(numeric, gradient[v], 1e-4 * Math.max(1, Math.abs(numeric)), "variable " + v);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void copyIsIndependent(boolean separable) {
        Objective o = TestProblems.instance(13, 3, 5, 2, separable).fresh();
        assertTrue(o.variables() > 0);
        Objective c = o.copy();
        double before = o.value();
        c.flip(0);
        assertEquals(before, o.value());
        assertFalse(c.isUp(0) == o.isUp(0));
    }
}
