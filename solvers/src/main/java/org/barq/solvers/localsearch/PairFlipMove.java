package org.barq.solvers.localsearch;

import java.util.List;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/** Flips two choices of one row at once: the move that escapes a 1-flip optimum when their inputs correlate. */
final class PairFlipMove extends AbstractMove<RoundingPlan> {
    private final ChoiceEntity first;
    private final ChoiceEntity second;

    PairFlipMove(ChoiceEntity first, ChoiceEntity second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<RoundingPlan> scoreDirector) {
        return first != second;
    }

    /** A flip undoes itself. */
    @Override
    protected PairFlipMove createUndoMove(ScoreDirector<RoundingPlan> scoreDirector) {
        return new PairFlipMove(first, second);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<RoundingPlan> scoreDirector) {
        flip(scoreDirector, first);
        flip(scoreDirector, second);
    }

    private static void flip(ScoreDirector<RoundingPlan> scoreDirector, ChoiceEntity choice) {
        scoreDirector.beforeVariableChanged(choice, ChoiceEntity.UP);
        choice.setUp(!choice.isUp());
        scoreDirector.afterVariableChanged(choice, ChoiceEntity.UP);
    }

    @Override
    public PairFlipMove rebase(ScoreDirector<RoundingPlan> destinationScoreDirector) {
        return new PairFlipMove(destinationScoreDirector.lookUpWorkingObject(first),
                destinationScoreDirector.lookUpWorkingObject(second));
    }

    @Override
    public List<ChoiceEntity> getPlanningEntities() {
        return List.of(first, second);
    }

    @Override
    public List<Boolean> getPlanningValues() {
        return List.of(!first.isUp(), !second.isUp());
    }

    @Override
    public String toString() {
        return "flip(" + first.variable() + ", " + second.variable() + ")";
    }
}
