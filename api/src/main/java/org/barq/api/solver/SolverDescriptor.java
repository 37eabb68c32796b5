package org.barq.api.solver;

import java.util.List;

/**
 * What a solver is: its registered name, one line of description and the options it takes.
 *
 * @param name        the registry key, e.g. {@code coordinate-descent}
 * @param description one line for {@code ./barq solvers}
 * @param options     the options it accepts beyond the common seed, time limit and threads
 */
public record SolverDescriptor(String name, String description, List<OptionSpec> options) {
    /** Copies the option list. */
    public SolverDescriptor {
        options = List.copyOf(options);
    }
}
