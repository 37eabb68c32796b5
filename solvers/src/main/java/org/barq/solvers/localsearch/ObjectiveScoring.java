package org.barq.solvers.localsearch;

import org.barq.api.objective.Objective;
import org.optaplanner.core.api.score.buildin.simplelong.SimpleLongScore;

/**
 * How {@code J} (a double) becomes an OptaPlanner score, and the objective template that score calculators copy.
 *
 * <p><b>Score type.</b> A {@link SimpleLongScore} of {@code -round(J / quantum)} with
 * {@code quantum = 1e-10 * |J(start)|} ({@code 1e-10} when {@code J(start) = 0}). Integer scores compare exactly and
 * cheaply; a BigDecimal score would carry the same rounding question at more cost, and a hard level is not needed
 * (every assignment is feasible). The quantum is far below any flip's effect that matters and far above the
 * floating-point noise of an incremental {@code J}.
 *
 * <p><b>Consistency with a full recompute.</b> OptaPlanner's assert modes demand that the incremental score equals a
 * from-scratch score exactly, while an incremental {@code J} differs from {@link Objective#recompute()} by rounding
 * noise. Rounding both to the same quantum agrees except within the noise of a rounding boundary, so under
 * {@code assert=true} a value within {@value #GUARD} quanta of a boundary is replaced by the recompute (a function of
 * the assignment alone), and every score is first checked to lie within {@value #GUARD} quanta of the recompute,
 * which is exactly what makes the two paths round alike. Without assertions OptaPlanner never compares the two
 * paths, so the plain incremental value is used and no score ever costs a full recompute.
 */
final class ObjectiveScoring {
    /** The score quantum relative to {@code |J(start)|}. */
    static final double RESOLUTION = 1e-10;
    /** The width, in quanta, of the band around a rounding boundary where assertions use the recompute. */
    static final double GUARD = 0.01;

    private final Objective template;
    private final double scale;
    private final boolean assertions;
    private long calculations;

    /**
     * @param template   an independent copy of the objective in its starting state; never changed here
     * @param assertions whether to check every score against a full recompute
     */
    ObjectiveScoring(Objective template, boolean assertions) {
        this.template = template;
        double start = Math.abs(template.value());
        this.scale = 1.0 / (RESOLUTION * (start > 0 ? start : 1.0));
        this.assertions = assertions;
    }

    /**
     * @param up the choices to evaluate
     * @return a new objective, independent of every other calculator's, holding {@code up}
     */
    Objective workingCopy(boolean[] up) {
        Objective objective = template.copy();
        objective.assign(up);
        return objective;
    }

    /**
     * @param objective a calculator's objective at the working assignment
     * @return the score of that assignment
     * @throws IllegalStateException under assertions, when the incremental {@code J} strays from the recompute
     */
    SimpleLongScore score(Objective objective) {
        calculations++;
        double quanta = objective.value() * scale;
        if (assertions) {
            double exact = objective.recompute() * scale;
            if (!(Math.abs(quanta - exact) <= GUARD)) {
                throw new IllegalStateException("incremental J " + quanta / scale + " differs from the full recompute "
                        + exact / scale + " by more than " + GUARD + " score quanta");
            }
            if (Math.abs(quanta - Math.floor(quanta) - 0.5) < GUARD) {
                quanta = exact;
            }
        }
        return SimpleLongScore.of(-Math.round(quanta));
    }

    /** @return the {@code J} a score stands for, exact to half a quantum */
    double valueOf(SimpleLongScore score) {
        return -score.score() / scale;
    }

    /** @return a {@code J} difference in score quanta, at least 1 */
    long quanta(double difference) {
        return Math.max(1L, Math.round(difference * scale));
    }

    /** @return how many scores were calculated so far, over all calculators */
    long calculations() {
        return calculations;
    }
}
