package org.barq.solvers.localsearch;

import java.util.Arrays;
import java.util.List;
import org.barq.api.InvalidInputException;

/** The local-search metaheuristic OptaPlanner runs, by its option value. */
public enum Algorithm {
    /** Entity tabu search: a recently flipped variable may not flip back for a while. */
    TABU("tabu"),
    /** Late acceptance: accept a move no worse than the score some steps ago. */
    LATE_ACCEPTANCE("late-acceptance"),
    /** Simulated annealing with a linearly falling temperature. */
    SIMULATED_ANNEALING("simulated-annealing");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /** @return the option value, e.g. {@code late-acceptance} */
    public String id() {
        return id;
    }

    /** @return every option value, in declaration order */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Algorithm::id).toList();
    }

    /**
     * @param id an option value
     * @return the algorithm
     * @throws InvalidInputException naming the value and the choices
     */
    public static Algorithm parse(String id) {
        for (Algorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new InvalidInputException("local-search option algorithm=" + id + " is not valid. Maybe one of: "
                + String.join(", ", ids()) + "?");
    }
}
