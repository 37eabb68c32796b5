package org.barq.experiments.pipeline;

import java.util.List;
import java.util.Optional;
import org.barq.api.model.RoundedModel;

/**
 * The rounded model and what each layer's rounding did.
 *
 * @param rounded      the rounded model
 * @param layers       one report per layer, first to last (before the output pass)
 * @param outputPass   what the output pass did, if the plan had one
 * @param solverSource a plug-in solver's class and jar ({@code SolverRegistry.source}); empty for a built-in one
 */
public record RoundingOutcome(RoundedModel rounded, List<LayerReport> layers, Optional<OutputPassReport> outputPass,
                              Optional<String> solverSource) {
    /** Copies the reports. */
    public RoundingOutcome {
        layers = List.copyOf(layers);
    }

    /** An outcome of a built-in solver. */
    public RoundingOutcome(RoundedModel rounded, List<LayerReport> layers, Optional<OutputPassReport> outputPass) {
        this(rounded, layers, outputPass, Optional.empty());
    }

    /** An outcome of a built-in solver, without an output pass. */
    public RoundingOutcome(RoundedModel rounded, List<LayerReport> layers) {
        this(rounded, layers, Optional.empty());
    }
}
