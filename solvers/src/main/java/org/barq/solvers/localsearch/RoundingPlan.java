package org.barq.solvers.localsearch;

import java.util.ArrayList;
import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.simplelong.SimpleLongScore;

/**
 * OptaPlanner's planning solution for one layer: one {@link ChoiceEntity} per variable, the value range
 * {false, true}, the score, and the {@link ObjectiveScoring} that score calculators read {@code J} through. The
 * solution cloner copies the scoring by reference (it is neither an entity nor marked for deep cloning), so every
 * clone shares it.
 */
@PlanningSolution
public class RoundingPlan {
    /** The id of the {false, true} value range. */
    static final String UP_DOWN = "upDown";

    @PlanningEntityCollectionProperty
    private List<ChoiceEntity> choices;

    @ValueRangeProvider(id = UP_DOWN)
    private CountableValueRange<Boolean> upDown;

    @PlanningScore
    private SimpleLongScore score;

    private ObjectiveScoring scoring;

    /** Problem facts of the pair moves, shared by every clone. */
    private int[][] partners;

    /** For OptaPlanner's solution cloner. */
    public RoundingPlan() {
    }

    /**
     * @param up       the starting choices; every entity starts initialised, so no construction heuristic runs
     * @param scoring  how {@code J} becomes a score
     * @param partners for each choice, the choices a pair move may flip with it (empty arrays for none)
     */
    RoundingPlan(boolean[] up, ObjectiveScoring scoring, int[][] partners) {
        this.partners = partners;
        this.choices = new ArrayList<>(up.length);
        for (int v = 0; v < up.length; v++) {
            choices.add(new ChoiceEntity(v, up[v]));
        }
        this.upDown = ValueRangeFactory.createBooleanValueRange();
        this.scoring = scoring;
    }

    /** @return the choices, indexed by variable */
    boolean[] assignment() {
        boolean[] up = new boolean[choices.size()];
        for (ChoiceEntity c : choices) {
            up[c.variable()] = c.isUp();
        }
        return up;
    }

    /** @return the score OptaPlanner last set, or null before solving */
    SimpleLongScore score() {
        return score;
    }

    /** @return the shared scoring */
    ObjectiveScoring scoring() {
        return scoring;
    }

    /** @return the choices, in variable order */
    List<ChoiceEntity> choices() {
        return choices;
    }

    /** @return the partners of choice {@code v} for a pair move */
    int[] partners(int v) {
        return partners[v];
    }
}
