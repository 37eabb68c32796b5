package org.barq.experiments.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.features.FeatureQuantizerFactory;

/** The JSON of one {@code barq features} run: what was measured, how, and the table. No timing, so same seed, same bytes. */
public final class FeatureRunJson {
    private FeatureRunJson() {
    }

    /**
     * @param dataset        the data set spec
     * @param splitSeed      the split seed
     * @param model          the model file (or a description), null for raw inputs
     * @param representation what was quantized
     * @param quantizers     the quantizers swept
     * @param options        the sweep and classifier settings
     * @param rows           the table
     * @return the JSON map, keys in a fixed order
     */
    public static Map<String, Object> of(String dataset, long splitSeed, String model,
                                         FeatureRepresentation representation,
                                         List<FeatureQuantizerFactory> quantizers, FeatureAnalysisOptions options,
                                         List<FeatureRow> rows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset);
        json.put("split_seed", splitSeed);
        json.put("model", model);
        json.put("representation", representation.name());
        json.put("width", representation.train().d());
        json.put("classes", representation.train().classes());
        json.put("train_samples", representation.train().n());
        json.put("train_split_samples", representation.trainTotal());
        json.put("test_samples", representation.test().n());
        json.put("test_split_samples", representation.testTotal());
        json.put("subsets", "Seeded (seed " + options.seed() + ") subsets of at most " + options.trainMax()
                + " training and " + options.testMax() + " test samples; the quantizers are fitted and the"
                + " classifiers trained on the training subset, everything is measured on the test subset");
        json.put("error_definition", FeatureAnalysis.ERROR_DEFINITION);
        json.put("discrimination", "fisher_ratio = tr(S_b)/tr(S_w) and distance_ratio = mean squared distance"
                + " between samples of different classes / within a class, of what the classifiers see (the codes"
                + " for binary and ternary, the levels for uniform), on the test subset");
        Map<String, Object> definitions = new LinkedHashMap<>();
        quantizers.forEach(q -> definitions.put(q.name(), q.description()));
        json.put("quantizers", definitions);
        Map<String, Object> classifiers = new LinkedHashMap<>();
        classifiers.put("knn1", "1-nearest neighbour, Euclidean");
        classifiers.put("knn5", "5-nearest neighbours, Euclidean, ties to the nearest");
        classifiers.put("linear", "multinomial logistic regression, " + options.linear().metadataJson());
        classifiers.put("mlp", "barq MLP, " + options.mlp().metadataJson());
        json.put("classifiers", classifiers);
        json.put("seed", options.seed());
        json.put("c", options.cs());
        json.put("bits", options.bits());
        List<Object> table = new ArrayList<>();
        rows.forEach(r -> table.add(r.toJson()));
        json.put("rows", table);
        return json;
    }
}
