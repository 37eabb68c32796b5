package org.barq.experiments.training;

import java.util.List;
import org.barq.api.InvalidInputException;

/**
 * How to train a float MLP: ReLU hidden layers, mini-batch Adam on softmax cross-entropy.
 *
 * @param hidden       hidden layer widths, e.g. {@code [64]} or {@code [256, 256]}; may be empty (a linear model)
 * @param epochs       passes over the training split, at least 1
 * @param batchSize    samples per Adam step, at least 1
 * @param learningRate Adam's step size, positive
 * @param seed         seeds the initial weights and the batch order
 */
public record TrainingOptions(List<Integer> hidden, int epochs, int batchSize, double learningRate, long seed) {

    /** Validates every value. */
    public TrainingOptions {
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new InvalidInputException("hidden layer width " + h + " must be at least 1. Maybe --hidden 64?");
            }
        }
        if (epochs < 1) {
            throw new InvalidInputException("epochs " + epochs + " must be at least 1.");
        }
        if (batchSize < 1) {
            throw new InvalidInputException("batch size " + batchSize + " must be at least 1.");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("learning rate " + learningRate + " must be positive. Maybe 0.001?");
        }
    }
}
