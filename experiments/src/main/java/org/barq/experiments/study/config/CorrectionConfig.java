package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.corrections.CorrectionRegistry;

/**
 * One logit correction of a study, fitted after every rounding of the study and evaluated beside the uncorrected
 * model: each variant's method becomes {@code <solver label>+<correction label>}. The name and options are checked
 * against the registry when the run starts.
 *
 * @param name    the registered correction, e.g. {@code cat}; required
 * @param label   how method names show it; default the name
 * @param options the correction's own options (see {@code barq solvers}); values are read as text
 */
public record CorrectionConfig(@JsonProperty("name") String name, @JsonProperty("label") String label,
                               @JsonProperty("options") SortedMap<String, String> options) {
    /** Applies the defaults and checks the label. */
    public CorrectionConfig {
        Checks.required("name", name, "name: cat");
        if (name.equals(CorrectionRegistry.NONE)) {
            throw new ConfigValueException("name", name, "is always run: every variant is evaluated"
                    + " without a correction too. Maybe remove this entry?");
        }
        label = Checks.or(label, name);
        Checks.label(label, name);
        options = new TreeMap<>(Checks.or(options, Map.of()));
    }
}
