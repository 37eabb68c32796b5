package org.barq.experiments.study;

import java.util.Map;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Splits;
import org.barq.evaluation.EvaluationOptions;
import org.barq.experiments.study.config.StudyConfig;

/**
 * What every variant of a run shares.
 *
 * @param config     the resolved study
 * @param model      the float model, as read from {@code OUT/model.safetensors}
 * @param splits     the data set's splits
 * @param evaluation the metric settings
 * @param provenance the reference every results line carries
 * @param references the float model's side of the evaluation on the calibration and the test split
 */
record StudyContext(StudyConfig config, LoadedCheckpoint model, Splits splits, EvaluationOptions evaluation,
                    Map<String, Object> provenance, FloatReferences references) {

    /** A context whose float references are computed from its model, splits and options when first asked. */
    StudyContext(StudyConfig config, LoadedCheckpoint model, Splits splits, EvaluationOptions evaluation,
                 Map<String, Object> provenance) {
        this(config, model, splits, evaluation, provenance, new FloatReferences(model.network(), splits.calibration(),
                splits.test(), evaluation));
    }
}
