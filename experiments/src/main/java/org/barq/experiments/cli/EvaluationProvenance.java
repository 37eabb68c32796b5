package org.barq.experiments.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.experiments.provenance.BuildInfo;

/**
 * What {@code evaluate} measured, written into its JSON under {@link #KEY} (the key a study's results line gives its
 * own record), so that two such files can be told apart: the float and rounded checkpoints by path and SHA-256, the
 * data set by spec and the SHA-256 of its files, the split (and its seed when one was dealt), and barq's version and
 * commit. The metrics beside it keep their keys, those of a results line's {@code calibration} and {@code test}.
 */
final class EvaluationProvenance {
    /** The JSON key, after the metrics. */
    static final String KEY = "provenance";

    private EvaluationProvenance() {
    }

    /**
     * @param model             the float checkpoint's file
     * @param floatCheckpoint   the float checkpoint
     * @param rounded           the rounded checkpoint's file, or null when none was evaluated
     * @param roundedCheckpoint the rounded checkpoint, or null
     * @param data              the data options
     * @param split             the split asked for
     * @param measured          the samples measured
     * @return the record, keys in a fixed order
     */
    static Map<String, Object> of(Path model, LoadedCheckpoint floatCheckpoint, Path rounded,
                                  LoadedCheckpoint roundedCheckpoint, DataOptions data, String split, Dataset measured) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("model", model.toString());
        record.put("model_sha256", floatCheckpoint.sha256());
        if (rounded != null) {
            record.put("rounded", rounded.toString());
            record.put("rounded_sha256", roundedCheckpoint.sha256());
        }
        String spec = data.datasetFor(floatCheckpoint.metadata());
        String read = EvaluationSetOptions.measured(spec, split);
        record.put("dataset", spec);
        record.put("dataset_sha256", measured.checksum());
        record.put("split", read);
        if (!read.equals(EvaluationSetOptions.WHOLE)) {
            record.put("split_seed", data.splitSeedFor(floatCheckpoint.metadata()));
        }
        record.putAll(BuildInfo.current().code());
        return record;
    }
}
