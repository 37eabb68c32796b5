package org.barq.experiments.study;

import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.GeometryEvaluator.Reference;

/**
 * The float model's side of the evaluation on the calibration and the test split, computed when first asked and then
 * shared by every variant (for a CNN it is most of an evaluation's time).
 */
final class FloatReferences {
    private final Network model;
    private final Dataset calibrationSet;
    private final Dataset testSet;
    private final EvaluationOptions options;
    private Reference calibration;
    private Reference test;

    FloatReferences(Network model, Dataset calibrationSet, Dataset testSet, EvaluationOptions options) {
        this.model = model;
        this.calibrationSet = calibrationSet;
        this.testSet = testSet;
        this.options = options;
    }

    synchronized Reference calibration() {
        if (calibration == null) {
            calibration = GeometryEvaluator.reference(model, calibrationSet, options);
        }
        return calibration;
    }

    synchronized Reference test() {
        if (test == null) {
            test = GeometryEvaluator.reference(model, testSet, options);
        }
        return test;
    }
}
