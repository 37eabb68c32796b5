package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.experiments.training.TrainingOptions;

/**
 * How to train the study's float model; the defaults are those of {@code barq train}.
 *
 * @param hidden    hidden layer widths; default {@code [64]}
 * @param epochs    passes over the training split; default 40
 * @param batchSize samples per Adam step; default 32
 * @param lr        Adam's learning rate; default 0.003
 * @param seed      seeds the initial weights and the batch order; default 0
 */
public record TrainConfig(@JsonProperty("hidden") List<Integer> hidden, @JsonProperty("epochs") Integer epochs,
                          @JsonProperty("batch_size") Integer batchSize, @JsonProperty("lr") Double lr,
                          @JsonProperty("seed") Long seed) {

    /** Applies the defaults and checks each value. */
    public TrainConfig {
        hidden = List.copyOf(Checks.or(hidden, List.of(64)));
        for (int i = 0; i < hidden.size(); i++) {
            Checks.atLeast("hidden[" + i + "]", Checks.required("hidden[" + i + "]", hidden.get(i), "64"), 1, "64");
        }
        epochs = Checks.atLeast("epochs", Checks.or(epochs, 40), 1, "40");
        batchSize = Checks.atLeast("batch_size", Checks.or(batchSize, 32), 1, "32");
        lr = Checks.positive("lr", Checks.or(lr, 0.003), "0.003");
        seed = Checks.or(seed, 0L);
    }

    /** @return the trainer's options */
    public TrainingOptions options() {
        return new TrainingOptions(hidden, epochs, batchSize, lr, seed);
    }
}
