package org.barq.experiments.features;

import java.util.Arrays;
import java.util.Optional;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.experiments.training.Trainer;
import org.barq.experiments.training.TrainingOptions;
import org.barq.features.LabelledFeatures;

/**
 * A classifier barq's {@link Trainer} fits on features: with no hidden layer it is multinomial logistic regression
 * (softmax cross-entropy on one dense layer), with hidden layers the barq MLP. Seeded through the options.
 */
final class TrainedClassifier {
    private TrainedClassifier() {
    }

    /**
     * @param train   training features and labels
     * @param test    test features and labels
     * @param options architecture (hidden widths) and Adam settings
     * @return the trained model's test accuracy
     */
    static double accuracy(LabelledFeatures train, LabelledFeatures test, TrainingOptions options) {
        Network model = new Trainer().train(dataset("train", train), options, null);
        return Trainer.accuracy(model, dataset("test", test));
    }

    /** The features as they are: the identity scaling keeps the Trainer from min-max scaling codes. */
    private static Dataset dataset(String name, LabelledFeatures set) {
        float[] features = new float[set.x().length];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) set.x()[i];
        }
        return new Dataset("features/" + name, features, Arrays.copyOf(set.labels(), set.n()), set.d(),
                SampleShape.flat(set.d()), set.classes(), "", Optional.of(InputScaling.uniform(1)));
    }
}
