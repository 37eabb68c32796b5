package org.barq.api.correction;

import java.util.List;
import java.util.Map;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolverOptions;

/**
 * What a logit correction is: its registered name, one line of description and the options it takes.
 *
 * @param name        the registry key, e.g. {@code cat}
 * @param description one line
 * @param options     the options it accepts
 */
public record CorrectionDescriptor(String name, String description, List<OptionSpec> options) {
    /** Copies the option list. */
    public CorrectionDescriptor {
        options = List.copyOf(options);
    }

    /**
     * @param given what the user gave
     * @return the options validated against this correction's
     * @throws org.barq.api.InvalidInputException naming an unknown option
     */
    public SolverOptions validate(Map<String, String> given) {
        return SolverOptions.of("correction " + name, options, given);
    }
}
