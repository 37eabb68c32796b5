package org.barq.features;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizerFactory;

/** The feature quantizers known to this run, by name, in name order (never the map binder's hash order). */
public final class FeatureQuantizerRegistry {
    private final TreeMap<String, FeatureQuantizerFactory> factories;

    /** @param factories what the map binder collected */
    @Inject
    public FeatureQuantizerRegistry(Map<String, FeatureQuantizerFactory> factories) {
        this.factories = new TreeMap<>(factories);
    }

    /** @return every factory, by name */
    public List<FeatureQuantizerFactory> all() {
        return List.copyOf(factories.values());
    }

    /** @return the factories {@code barq features} sweeps: every one but those made for a network's input stage */
    public List<FeatureQuantizerFactory> sweep() {
        return factories.values().stream().filter(f -> !f.inputStage()).toList();
    }

    /**
     * @param name a registered name
     * @return its factory
     * @throws InvalidInputException naming the known quantizers when there is none of that name
     */
    public FeatureQuantizerFactory get(String name) {
        FeatureQuantizerFactory f = factories.get(name);
        if (f == null) {
            throw new InvalidInputException("unknown feature quantizer '" + name + "'. Maybe one of: "
                    + String.join(", ", factories.keySet()) + "?");
        }
        return f;
    }
}
