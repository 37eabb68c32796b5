package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.model.Architecture;
import org.barq.experiments.training.TrainingOptions;

/**
 * How to train the study's float model; the defaults are those of {@code barq train}.
 *
 * @param hidden    hidden layer widths of a ReLU MLP; default {@code [64]} when {@code arch} is absent
 * @param arch      an architecture spec ({@code barq train --arch}), instead of {@code hidden}
 * @param epochs    passes over the training split; default 40
 * @param batchSize samples per Adam step; default 32
 * @param lr        Adam's learning rate; default 0.003
 * @param seed      seeds the initial weights and the batch order; default 0
 */
public record TrainConfig(@JsonProperty("hidden") @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> hidden,
                          @JsonProperty("arch") @JsonInclude(JsonInclude.Include.NON_NULL) String arch,
                          @JsonProperty("epochs") Integer epochs,
                          @JsonProperty("batch_size") Integer batchSize, @JsonProperty("lr") Double lr,
                          @JsonProperty("seed") Long seed) {

    /** Applies the defaults and checks each value. */
    public TrainConfig {
        if (arch != null && hidden != null) {
            throw new InvalidInputException("model.train has both hidden and arch. Maybe keep arch alone?");
        }
        if (arch != null && arch.isBlank()) {
            throw new InvalidInputException("model.train.arch is empty. Maybe arch: \"dense(64)-relu-dense(10)\"?");
        }
        hidden = arch != null ? null : List.copyOf(Checks.or(hidden, List.of(64)));
        for (int i = 0; hidden != null && i < hidden.size(); i++) {
            Checks.atLeast("hidden[" + i + "]", Checks.required("hidden[" + i + "]", hidden.get(i), "64"), 1, "64");
        }
        epochs = Checks.atLeast("epochs", Checks.or(epochs, 40), 1, "40");
        batchSize = Checks.atLeast("batch_size", Checks.or(batchSize, 32), 1, "32");
        lr = Checks.positive("lr", Checks.or(lr, 0.003), "0.003");
        seed = Checks.or(seed, 0L);
    }

    /** @return the model's hidden layers, known before it is built: an MLP's widths, or arch's weight layers but the last */
    public int hiddenLayers() {
        return hidden != null ? hidden.size() : Architecture.weightLayers(arch) - 1;
    }

    /** @return the trainer's options */
    public TrainingOptions options() {
        return new TrainingOptions(hidden == null ? List.of() : hidden, arch, epochs, batchSize, lr, seed);
    }
}
