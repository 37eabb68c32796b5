package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a study writes beyond {@code results.jsonl} and the JSON reports.
 *
 * @param keepCheckpoints which rounded checkpoints to keep in {@code OUT/checkpoints}; default none
 * @param plots           whether to draw the slice and interpolation pictures in {@code OUT/plots}; default true
 */
public record OutputsConfig(@JsonProperty("keep_checkpoints") CheckpointSelection keepCheckpoints,
                            @JsonProperty("plots") Boolean plots) {

    /** The defaults of every key. */
    public static final OutputsConfig DEFAULTS = new OutputsConfig(null, null);

    /** Applies the defaults. */
    public OutputsConfig {
        keepCheckpoints = Checks.or(keepCheckpoints, CheckpointSelection.NONE);
        plots = Checks.or(plots, true);
    }
}
