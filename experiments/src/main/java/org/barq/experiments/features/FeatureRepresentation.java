package org.barq.experiments.features;

import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.data.Permutations;
import org.barq.api.data.Splits;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.features.LabelledFeatures;
import org.barq.features.LayerActivations;

/**
 * The representation {@code barq features} quantizes, on seeded subsets of the train and test splits: the scaled
 * inputs (the model's scaling, else the data set's training scaling), or a hidden layer's activations of a float model.
 *
 * @param name       {@code inputs} or {@code hidden_L}
 * @param train      on the training subset
 * @param test       on the test subset
 * @param trainTotal samples in the train split
 * @param testTotal  samples in the test split
 */
public record FeatureRepresentation(String name, LabelledFeatures train, LabelledFeatures test, int trainTotal,
                                    int testTotal) {
    /** The name of the input representation. */
    public static final String INPUTS = "inputs";

    /**
     * @param splits  the data set's splits
     * @param model   a float model, or null for the inputs
     * @param layer   0 for the inputs, else the model's hidden layer (1-based)
     * @param options the subset sizes and seed
     * @return the representation
     */
    public static FeatureRepresentation of(Splits splits, Network model, int layer, FeatureAnalysisOptions options) {
        InputScaling scaling = model != null ? model.scaling() : splits.train().trainingScaling();
        SplittableRandom rng = new SplittableRandom(options.seed());
        Dataset train = subset(splits.train(), options.trainMax(), rng.split());
        Dataset test = subset(splits.test(), options.testMax(), rng.split());
        return new FeatureRepresentation(name(layer), features(train, scaling, model,
                layer), features(test, scaling, model, layer), splits.train().size(), splits.test().size());
    }

    /** @param layer 0 for the inputs, else a hidden layer (1-based) @return its name: {@code inputs} or {@code hidden_L} */
    public static String name(int layer) {
        return layer == 0 ? INPUTS : "hidden_" + layer;
    }

    private static LabelledFeatures features(Dataset set, InputScaling scaling, Network model, int layer) {
        double[] x = set.scaledInputs(scaling);
        int d = set.dimension();
        if (layer > 0) {
            x = LayerActivations.of(model, x, set.size(), layer);
            d = x.length / set.size();
        }
        return new LabelledFeatures(x, set.size(), d, set.labelArray(), Math.max(set.classes(),
                model == null ? 0 : model.classes()));
    }

    /** @return at most {@code max} samples, drawn without replacement and kept in their split's order */
    private static Dataset subset(Dataset set, int max, SplittableRandom rng) {
        if (set.size() <= max) {
            return set;
        }
        int[] chosen = Permutations.sample(set.size(), max, rng);
        return set.subset(chosen, set.name() + "/subset");
    }
}
