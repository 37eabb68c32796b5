package org.barq.experiments.pipeline;

import java.util.List;
import java.util.Optional;
import org.barq.api.model.RoundedModel;

/**
 * The rounded model and what each layer's rounding did.
 *
 * @param rounded the rounded model
 * @param layers     one report per layer, first to last (before the output pass)
 * @param outputPass what the output pass did, if the plan had one
 */
public record RoundingOutcome(RoundedModel rounded, List<LayerReport> layers, Optional<OutputPassReport> outputPass) {
    /** Copies the reports. */
    public RoundingOutcome {
        layers = List.copyOf(layers);
    }

    /** An outcome without an output pass. */
    public RoundingOutcome(RoundedModel rounded, List<LayerReport> layers) {
        this(rounded, layers, Optional.empty());
    }
}
