package org.barq.experiments.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.features.FeatureQuantizer;
import org.barq.api.features.FeatureQuantizerFactory;
import org.barq.api.features.FeatureQuantizerOptions;
import org.barq.evaluation.FisherRatio;
import org.barq.features.DistanceRatio;
import org.barq.features.LabelledFeatures;
import org.barq.features.NearestNeighbours;
import org.barq.features.QuantizedFeatures;

/**
 * Issue 19's table for one representation: float, then every registered quantizer at every {@code c} (threshold
 * quantizers) or bit width (level quantizers), each with its quantization error, discrimination and the test
 * accuracy of four classifiers trained on the training features it gives.
 */
public final class FeatureAnalysis {
    /** The classifiers, in table order: 1- and 5-nearest neighbours, logistic regression, the barq MLP. */
    public static final List<String> CLASSIFIERS = List.of("knn1", "knn5", "linear", "mlp");
    /** What "error" means, for --help, JSON and reports. */
    public static final String ERROR_DEFINITION = "mean over test samples and features of (x - v(code))^2 on the"
            + " features' own scale, where v(code) is what the code stands for: a uniform level, or for binary and"
            + " ternary codes the mean of the training values of the feature that got that code";
    /** The row of the unquantized representation. */
    public static final String FLOAT = "float";

    private FeatureAnalysis() {
    }

    /**
     * @param train      the representation on the training subset
     * @param test       the representation on the test subset
     * @param quantizers the quantizers to sweep, in order
     * @param options    the sweep and the classifiers' settings
     * @param progress   told of each finished row
     * @return float first, then each quantizer setting
     */
    public static List<FeatureRow> run(LabelledFeatures train, LabelledFeatures test,
                                       List<FeatureQuantizerFactory> quantizers, FeatureAnalysisOptions options,
                                       java.util.function.Consumer<FeatureRow> progress) {
        List<FeatureRow> rows = new ArrayList<>();
        rows.add(row(FLOAT, null, null, 0.0, train, test, options));
        progress.accept(rows.get(0));
        for (FeatureQuantizerFactory factory : quantizers) {
            List<FeatureQuantizerOptions> settings = factory.usesThreshold()
                    ? options.cs().stream().map(FeatureQuantizerOptions::threshold).toList()
                    : options.bits().stream().map(FeatureQuantizerOptions::levels).toList();
            for (FeatureQuantizerOptions setting : settings) {
                FeatureQuantizer q = factory.fit(train.x(), train.n(), train.d(), setting);
                FeatureRow row = row(q.name(), factory.usesThreshold() ? setting.c() : null, q.bits(),
                        QuantizedFeatures.meanSquaredError(q, test), QuantizedFeatures.decoded(q, train),
                        QuantizedFeatures.decoded(q, test), options);
                rows.add(row);
                progress.accept(row);
            }
        }
        return rows;
    }

    private static FeatureRow row(String name, Double c, Integer bits, double error, LabelledFeatures train,
                                  LabelledFeatures test, FeatureAnalysisOptions options) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        int[][] neighbours = new NearestNeighbours(1, 5).predictEach(train, test);
        accuracy.put("knn1", test.accuracyOf(neighbours[0]));
        accuracy.put("knn5", test.accuracyOf(neighbours[1]));
        accuracy.put("linear", TrainedClassifier.accuracy(train, test, options.linear()));
        accuracy.put("mlp", TrainedClassifier.accuracy(train, test, options.mlp()));
        return new FeatureRow(name, c, bits, error, FisherRatio.of(test.x(), test.n(), test.d(), test.labels(),
                test.classes()), DistanceRatio.of(test), accuracy);
    }
}
