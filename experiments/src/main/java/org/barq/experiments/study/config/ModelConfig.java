package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The study's float model: trained once from {@code train}, or read from {@code checkpoint}; exactly one is given.
 *
 * @param train      how to train it
 * @param checkpoint a float safetensors checkpoint, relative to the working directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(@JsonProperty("train") TrainConfig train, @JsonProperty("checkpoint") String checkpoint) {

    /** Checks that exactly one source is given. */
    public ModelConfig {
        if ((train == null) == (checkpoint == null)) {
            throw new ConfigValueException(train == null ? "train" : "checkpoint", train == null ? null : "both given",
                    "give exactly one of train: {...} and checkpoint: PATH. Maybe train: {hidden: [64]}?");
        }
    }
}
