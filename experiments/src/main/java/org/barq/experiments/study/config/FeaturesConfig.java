package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.experiments.features.FeatureAnalysisOptions;

/**
 * The {@code features:} section of a study config (issue 19): the quantizer sweep and classifier settings of
 * {@code barq features}, with its defaults, over a list of data sets.
 *
 * @param c         threshold multipliers; default {@link FeatureAnalysisOptions#DEFAULT_CS}
 * @param bits      uniform widths; default {@link FeatureAnalysisOptions#DEFAULT_BITS}
 * @param seed      seeds the subsets and classifiers; default 0
 * @param trainMax  training samples used at most ({@code train_max}); default 10000
 * @param testMax   test samples scored at most ({@code test_max}); default 5000
 * @param epochs    Adam epochs of the logistic regression and MLP classifiers; default 20
 * @param mlpHidden the MLP classifier's hidden widths ({@code mlp_hidden}); default [64]
 * @param batchSize Adam batch size ({@code batch_size}); default 64
 * @param lr        Adam step size; default 0.003
 * @param datasets  the data sets, each with its model and representations; required
 */
public record FeaturesConfig(@JsonProperty("c") List<Double> c, @JsonProperty("bits") List<Integer> bits,
                             @JsonProperty("seed") Long seed, @JsonProperty("train_max") Integer trainMax,
                             @JsonProperty("test_max") Integer testMax, @JsonProperty("epochs") Integer epochs,
                             @JsonProperty("mlp_hidden") List<Integer> mlpHidden,
                             @JsonProperty("batch_size") Integer batchSize, @JsonProperty("lr") Double lr,
                             @JsonProperty("datasets") List<FeatureDatasetConfig> datasets) {

    /** Applies the defaults and validates through {@link FeatureAnalysisOptions}. */
    public FeaturesConfig {
        c = Checks.or(c, FeatureAnalysisOptions.DEFAULT_CS);
        bits = Checks.or(bits, FeatureAnalysisOptions.DEFAULT_BITS);
        seed = Checks.or(seed, 0L);
        trainMax = Checks.or(trainMax, 10000);
        testMax = Checks.or(testMax, 5000);
        epochs = Checks.or(epochs, 20);
        mlpHidden = Checks.or(mlpHidden, List.of(64));
        batchSize = Checks.or(batchSize, 64);
        lr = Checks.or(lr, 0.003);
        datasets = Checks.nonEmptyDistinct("datasets", Checks.required("datasets", datasets,
                "datasets: [{dataset: {spec: digits}}]"), "datasets: [{dataset: {spec: digits}}]");
        // its refusal names the value; the config's reader puts the section in front
        new FeatureAnalysisOptions(c, bits, seed, trainMax, testMax, epochs, mlpHidden, batchSize, lr);
    }

    /** @return the analysis settings */
    public FeatureAnalysisOptions options() {
        return new FeatureAnalysisOptions(c, bits, seed, trainMax, testMax, epochs, mlpHidden, batchSize, lr);
    }
}
