package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A features study (issue 19, {@code barq run} on a config whose top-level key is {@code features:}): binary,
 * ternary and uniform quantization of each data set's inputs and hidden layers, judged by discrimination and
 * accuracy. Read by {@link StudyConfigs#parse(String, String, Class)}.
 *
 * @param description free text for the reader
 * @param features    the sweep and the data sets; required
 */
public record FeaturesStudyConfig(@JsonProperty("description") String description,
                                  @JsonProperty("features") FeaturesConfig features) {
    /** Requires the section. */
    public FeaturesStudyConfig {
        Checks.required("features", features, "features: {datasets: [{dataset: {spec: digits}}]}");
        description = Checks.or(description, "");
    }
}
