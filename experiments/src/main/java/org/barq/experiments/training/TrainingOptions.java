package org.barq.experiments.training;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.model.Architecture;

/**
 * How to train a float network: an architecture (a ReLU MLP's hidden widths, or an architecture spec), mini-batch
 * Adam on softmax cross-entropy.
 *
 * @param hidden       hidden layer widths, e.g. {@code [64]} or {@code [256, 256]}; may be empty (a linear model);
 *                     ignored when {@code arch} is given
 * @param arch         an architecture spec ({@link Architecture}), e.g. {@code conv(16,k5,p2)-relu-flatten-dense(10)};
 *                     null for the MLP of {@code hidden}
 * @param epochs       passes over the training split, at least 1
 * @param batchSize    samples per Adam step, at least 1
 * @param learningRate Adam's step size, positive
 * @param seed         seeds the initial weights and the batch order
 */
public record TrainingOptions(List<Integer> hidden, String arch, int epochs, int batchSize, double learningRate,
                              long seed) {

    /** Validates every value. */
    public TrainingOptions {
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new InvalidInputException("hidden layer width " + h + " must be at least 1. Maybe --hidden 64?");
            }
        }
        if (arch != null && arch.isBlank()) {
            throw new InvalidInputException("architecture spec is empty. Maybe --arch dense(64)-relu-dense(10)?");
        }
        if (epochs < 1) {
            throw new InvalidInputException("epochs " + epochs + " must be at least 1. Maybe 40, train's default?");
        }
        if (batchSize < 1) {
            throw new InvalidInputException("batch size " + batchSize + " must be at least 1. Maybe 32, train's"
                    + " default?");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("learning rate " + learningRate + " must be positive. Maybe 0.001?");
        }
    }

    /**
     * @param classes the data set's classes, the MLP's last width
     * @return the architecture spec to train
     */
    public String architecture(int classes) {
        return arch != null ? arch : Architecture.mlp(hidden, classes);
    }

    /**
     * @return what a checkpoint's {@code barq.training} records: {@code {"hidden":[64],"epochs":40,"batch_size":32,
     *         "lr":0.003}}, with {@code "arch":"..."} in place of {@code hidden} for an architecture spec
     */
    public String metadataJson() {
        String model = arch != null ? "\"arch\":\"" + arch + "\"" : "\"hidden\":" + hidden.toString().replace(" ", "");
        return String.format(java.util.Locale.ROOT, "{%s,\"epochs\":%d,\"batch_size\":%d,\"lr\":%s}", model, epochs,
                batchSize, Double.toString(learningRate));
    }
}
