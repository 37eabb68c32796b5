package org.barq.api.solver;

import java.util.List;

/**
 * What a solver is: its registered name, one line of description, the options it takes and what it minimises.
 *
 * @param name        the registry key, e.g. {@code coordinate-descent}
 * @param description one line for {@code ./barq solvers}
 * @param options     the options it accepts beyond the common seed, time limit and threads
 * @param minimisesJ  whether it minimises the objective's {@code J}, surrogate included; false for a solver that
 *                    rounds by the weights or by {@code R} alone (round-to-nearest, GPTQ), for which a weighted
 *                    surrogate would change nothing
 */
public record SolverDescriptor(String name, String description, List<OptionSpec> options, boolean minimisesJ) {
    /** Copies the option list. */
    public SolverDescriptor {
        options = List.copyOf(options);
    }

    /** A solver that minimises {@code J}. */
    public SolverDescriptor(String name, String description, List<OptionSpec> options) {
        this(name, description, options, true);
    }
}
