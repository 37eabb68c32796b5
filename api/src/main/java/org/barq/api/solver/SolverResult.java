package org.barq.api.solver;

import java.util.List;

/**
 * The outcome of one solve.
 *
 * @param assignment the chosen up/down per variable
 * @param trace      the anytime curve
 * @param steps      how many steps the solver took, in its own unit
 * @param notes      what the user should know about this solve, one line each (e.g. that GPTQ had to raise its
 *                   damping); empty for most
 */
public record SolverResult(boolean[] assignment, ObjectiveTrace trace, long steps, List<String> notes) {

    /** Copies the notes. */
    public SolverResult {
        notes = List.copyOf(notes);
    }

    /** A result without notes. */
    public SolverResult(boolean[] assignment, ObjectiveTrace trace, long steps) {
        this(assignment, trace, steps, List.of());
    }
}
