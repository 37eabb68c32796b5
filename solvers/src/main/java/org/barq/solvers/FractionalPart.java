package org.barq.solvers;

import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;

/** Where a float weight lies between its two codes: the {@code w/s - f} of FORMULATION §2 and §4. */
public final class FractionalPart {
    private FractionalPart() {
    }

    /**
     * @param problem the layer
     * @param v       a variable
     * @return {@code (w - value(v, down)) / step(v)} clamped to [0, 1]; 0 or 1 for a weight clamped at the grid's end
     */
    public static double of(RoundingProblem problem, int v) {
        RoundingSpace space = problem.space();
        double frac = (problem.floatWeight(v) - space.value(v, false)) / space.step(v);
        return Math.min(1.0, Math.max(0.0, frac));
    }
}
