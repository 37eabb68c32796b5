package org.barq.experiments.features;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.experiments.training.TrainingOptions;

/**
 * What {@code barq features} sweeps and how it scores.
 *
 * @param cs        threshold multipliers of the binary and ternary quantizers, distinct, each at least 0
 * @param bits      bit widths of the uniform reference, distinct, each in 1..8
 * @param seed      seeds the subsets and the linear and MLP classifiers
 * @param trainMax  at most this many training samples (a seeded subset) fit the quantizers and train the classifiers
 * @param testMax   at most this many test samples (a seeded subset) are scored
 * @param epochs    Adam epochs of the linear classifier and the MLP
 * @param mlpHidden hidden widths of the MLP classifier
 * @param batchSize Adam batch size
 * @param lr        Adam step size
 */
public record FeatureAnalysisOptions(List<Double> cs, List<Integer> bits, long seed, int trainMax, int testMax,
                                     int epochs, List<Integer> mlpHidden, int batchSize, double lr) {
    /** The c sweep by default: from the mean (0) to two mean absolute deviations. */
    public static final List<Double> DEFAULT_CS = List.of(0.0, 0.25, 0.5, 1.0, 1.5, 2.0);
    /** The uniform reference's widths by default. */
    public static final List<Integer> DEFAULT_BITS = List.of(1, 2, 3, 4);

    /** Validates every value (each option through {@link FeatureQuantizerOptions} and {@link TrainingOptions}). */
    public FeatureAnalysisOptions {
        cs = distinct(cs, "--c", "--c 0,0.5,1");
        bits = distinct(bits, "--bits", "--bits 1,2,3,4");
        cs.forEach(FeatureQuantizerOptions::threshold);
        bits.forEach(FeatureQuantizerOptions::levels);
        if (trainMax < 2 || testMax < 1) {
            throw new InvalidInputException("--train-max " + trainMax + " / --test-max " + testMax + " must be at least"
                    + " 2 / 1. Maybe --train-max 10000 --test-max 5000?");
        }
        mlpHidden = List.copyOf(mlpHidden);
        // checked here with the classifiers' own defaults; TrainingOptions' hints are those of barq train
        if (epochs < 1) {
            throw new InvalidInputException("classifier epochs " + epochs + " must be at least 1. Maybe 20, the"
                    + " default?");
        }
        if (batchSize < 1) {
            throw new InvalidInputException("classifier batch size " + batchSize + " must be at least 1. Maybe 64, the"
                    + " default?");
        }
        for (int width : mlpHidden) {
            if (width < 1) {
                throw new InvalidInputException("MLP classifier hidden width " + width + " must be at least 1. Maybe"
                        + " 64, the default?");
            }
        }
        training(mlpHidden, epochs, batchSize, lr, seed);
    }

    /** @return the Adam settings of the linear classifier (no hidden layer) */
    TrainingOptions linear() {
        return training(List.of(), epochs, batchSize, lr, seed);
    }

    /** @return the Adam settings of the MLP classifier */
    TrainingOptions mlp() {
        return training(mlpHidden, epochs, batchSize, lr, seed);
    }

    private static TrainingOptions training(List<Integer> hidden, int epochs, int batchSize, double lr, long seed) {
        return new TrainingOptions(hidden, null, epochs, batchSize, lr, seed);
    }

    private static <T> List<T> distinct(List<T> values, String option, String hint) {
        if (values == null || values.isEmpty() || values.stream().distinct().count() != values.size()) {
            throw new InvalidInputException(option + " " + values + " must be a non-empty list without repeats. Maybe "
                    + hint + "?");
        }
        return List.copyOf(values);
    }
}
