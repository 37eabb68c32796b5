package org.barq.objectives;

import org.barq.api.objective.ObjectiveTerms;
import org.barq.api.problem.RoundingProblem;

/**
 * One layer's rounding problem and its objective, as {@link LayerObjectiveBuilder} made them.
 *
 * @param problem   the layer's weights, choices, {@code H} (of the reconstruction term's inputs) and {@code N}
 * @param objective {@code J}, set to round-to-nearest
 * @param band      the calibration band {@code B} of the float model
 */
public record LayerBuild(RoundingProblem problem, DefaultLayerObjective objective, CalibrationBand band) {

    /** @return {@code R(RTN)}, {@code G(RTN)} and {@code J(RTN)}: the normalisers of {@code J} */
    public ObjectiveTerms nearestTerms() {
        return objective.nearestTerms();
    }

    /** @return {@code |B|}, the number of band samples */
    public int bandSize() {
        return band.size();
    }
}
