package org.barq.solvers.localsearch;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * OptaPlanner's view of one rounding variable: a planning entity whose Boolean planning variable is the choice
 * ({@code true} = up). A change move on it is exactly one flip, since the value range is {false, true} and a move to
 * the current value is not doable.
 */
@PlanningEntity
public class ChoiceEntity {
    /** The planning variable's name, for score director notifications. */
    static final String UP = "up";

    @PlanningId
    private Integer variable;

    @PlanningVariable(valueRangeProviderRefs = RoundingPlan.UP_DOWN)
    private Boolean up;

    /** For OptaPlanner's solution cloner. */
    public ChoiceEntity() {
    }

    /**
     * @param variable the variable's index in the rounding space
     * @param up       its current choice
     */
    ChoiceEntity(int variable, boolean up) {
        this.variable = variable;
        this.up = up;
    }

    /** @return the variable's index in the rounding space */
    int variable() {
        return variable;
    }

    /** @return the current choice ({@code true} = up) */
    boolean isUp() {
        return up;
    }

    /** Sets the choice; only moves call it, between the score director's notifications. */
    void setUp(boolean up) {
        this.up = up;
    }
}
