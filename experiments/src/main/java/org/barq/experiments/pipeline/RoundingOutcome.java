package org.barq.experiments.pipeline;

import java.util.List;
import org.barq.api.model.RoundedModel;

/**
 * The rounded model and what each layer's rounding did.
 *
 * @param rounded the rounded model
 * @param layers  one report per layer, first to last
 */
public record RoundingOutcome(RoundedModel rounded, List<LayerReport> layers) {
    /** Copies the reports. */
    public RoundingOutcome {
        layers = List.copyOf(layers);
    }
}
