package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.experiments.features.FeatureAnalysisOptions;

/**
 * One data set of a features study: its split, the float model whose hidden layers are quantized, and which
 * representations to quantize.
 *
 * @param dataset the data set and its split, as a rounding study's {@code dataset:}; a relative {@code csv:} path is
 *                taken from the data folder ({@code data_dir}, else {@code $BARQ_DATA}, else {@code ./data}), so that
 *                one config reads the tabular sets wherever the data lives
 * @param model   how to train the float model; default {@code barq train}'s; only trained when a hidden layer is asked
 * @param layers  {@code inputs}, {@code last} (the last hidden layer) or a hidden layer's 1-based number; default
 *                {@code [inputs, last]}
 * @param epochs  the classifiers' Adam epochs on this data set; null for the section's (MNIST needs fewer steps than
 *                the tabular sets, whose training splits are a few hundred samples)
 * @param batchSize the classifiers' Adam batch size ({@code batch_size}) on this data set; null for the section's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureDatasetConfig(@JsonProperty("dataset") DatasetConfig dataset,
                                   @JsonProperty("model") TrainConfig model,
                                   @JsonProperty("layers") List<String> layers,
                                   @JsonProperty("epochs") Integer epochs,
                                   @JsonProperty("batch_size") Integer batchSize) {
    /** The name of the last hidden layer in {@code layers}. */
    public static final String LAST = "last";

    /** Applies the defaults and checks the layer names. */
    public FeatureDatasetConfig {
        Checks.required("dataset", dataset, "dataset: {spec: digits}");
        dataset.requireDataDirRead("dataset.data_dir", true);
        model = Checks.or(model, new TrainConfig(null, null, null, null, null, null));
        layers = Checks.nonEmptyDistinct("layers", Checks.or(layers, List.of("inputs", LAST)), "layers: [inputs, last]");
        if (epochs != null) {
            Checks.atLeast("epochs", epochs, 1, "5");
        }
        if (batchSize != null) {
            Checks.atLeast("batch_size", batchSize, 1, "128");
        }
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i);
            if (!layer.equals("inputs") && !layer.equals(LAST) && !layer.matches("[1-9][0-9]{0,5}")) {
                throw new ConfigValueException("layers[" + i + "]", layer, "is not inputs, last or a hidden layer's"
                        + " number. Maybe layers: [inputs, last]?");
            }
            // an MLP's hidden layers are known now; an arch's only once it is built on the data
            if (layer.matches("[1-9][0-9]{0,5}") && model.hidden() != null
                    && Integer.parseInt(layer) > model.hidden().size()) {
                throw new ConfigValueException("layers[" + i + "]", layer, "is not one of the model's "
                        + model.hidden().size() + " hidden layers (model.hidden " + model.hidden() + "). Maybe last?");
            }
        }
    }

    /**
     * @param section the features section's settings
     * @return them with this data set's epochs and batch size where it gives them
     */
    public FeatureAnalysisOptions options(FeatureAnalysisOptions section) {
        return new FeatureAnalysisOptions(section.cs(), section.bits(), section.seed(), section.trainMax(),
                section.testMax(), Checks.or(epochs, section.epochs()), section.mlpHidden(),
                Checks.or(batchSize, section.batchSize()), section.lr());
    }
}
