package org.barq.solvers.localsearch;

import org.barq.api.objective.Objective;
import org.optaplanner.core.api.score.buildin.simplelong.SimpleLongScore;
import org.optaplanner.core.api.score.calculator.IncrementalScoreCalculator;

/**
 * The incremental score of a {@link RoundingPlan}: it keeps its own copy of the objective in step with the working
 * solution by flipping a variable whenever OptaPlanner changes that variable's entity, so a move costs one flip (and
 * its undo another), never a full evaluation. Entities are never added or removed: a layer's variables are fixed.
 */
public final class FlipScoreCalculator implements IncrementalScoreCalculator<RoundingPlan, SimpleLongScore> {
    private ObjectiveScoring scoring;
    private Objective objective;

    /** Created by OptaPlanner, once per score director. */
    public FlipScoreCalculator() {
    }

    @Override
    public void resetWorkingSolution(RoundingPlan plan) {
        scoring = plan.scoring();
        objective = scoring.workingCopy(plan.assignment());
    }

    @Override
    public void beforeEntityAdded(Object entity) {
        // Entities are fixed for the whole solve; nothing to track.
    }

    @Override
    public void afterEntityAdded(Object entity) {
        // Entities are fixed for the whole solve; nothing to track.
    }

    @Override
    public void beforeVariableChanged(Object entity, String variableName) {
        // The objective is brought in step after the change, from the entity's new value.
    }

    @Override
    public void afterVariableChanged(Object entity, String variableName) {
        ChoiceEntity choice = (ChoiceEntity) entity;
        if (objective.isUp(choice.variable()) != choice.isUp()) {
            objective.flip(choice.variable());
        }
    }

    @Override
    public void beforeEntityRemoved(Object entity) {
        // Entities are fixed for the whole solve; nothing to track.
    }

    @Override
    public void afterEntityRemoved(Object entity) {
        // Entities are fixed for the whole solve; nothing to track.
    }

    @Override
    public SimpleLongScore calculateScore() {
        return scoring.score(objective);
    }
}
