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
 */
record StudyContext(StudyConfig config, LoadedCheckpoint model, Splits splits, EvaluationOptions evaluation,
                    Map<String, Object> provenance) {
}
