package org.barq.experiments.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import org.barq.experiments.study.config.StudyConfigs;

/**
 * One variant as it travels to a cluster member: everything the member needs to round it exactly as the coordinator
 * would, and the checksums by which it tells whether its own data files are the coordinator's. The float model
 * travels as bytes (a study's model is small next to the time its variants take, and the member then needs nothing
 * of the run folder); the data set travels only as its spec and checksum, since data sets are large and every member
 * has them.
 *
 * @param config         the resolved config's YAML, as in {@code config.resolved.yaml}
 * @param variant        the variant's id
 * @param datasetSha256  the checksum of the coordinator's data set files
 * @param modelSha256    the checksum of {@code model}
 * @param model          the bytes of the coordinator's {@code model.safetensors}
 * @param provenance     the reference every results line carries, as on the coordinator
 * @param keepCheckpoint whether the coordinator keeps this variant's checkpoint, whose bytes then come back
 * @param pluginSources  the study's solvers and corrections as the coordinator has them
 *                       ({@link VariantHandler#pluginSources}), so that a member with another plug-in jar, or none,
 *                       refuses instead of rounding otherwise
 */
record VariantTask(@JsonProperty("config") String config, @JsonProperty("variant") String variant,
                   @JsonProperty("dataset_sha256") String datasetSha256,
                   @JsonProperty("model_sha256") String modelSha256, @JsonProperty("model") byte[] model,
                   @JsonProperty("provenance") Map<String, Object> provenance,
                   @JsonProperty("keep_checkpoint") boolean keepCheckpoint,
                   @JsonProperty("plugin_sources") SortedMap<String, String> pluginSources) {
    // a field this build does not know comes from another barq version: decoded without it, so that the member's check
    // of version and commit refuses the study in one line, instead of a decoding failure that ends the run
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** @return the task as JSON bytes (the model in base64) */
    byte[] encode() {
        return write(this);
    }

    /** @return the task sent by {@link #encode} */
    static VariantTask decode(byte[] bytes) {
        return read(bytes, VariantTask.class);
    }

    /** @return what identifies the study on a member: the same config, model and data give the same context */
    String studyKey() {
        return StudyConfigs.sha256(config) + "/" + modelSha256 + "/" + datasetSha256;
    }

    /**
     * What comes back from a member.
     *
     * @param line       the results line, as {@link StudyJson#line} wrote it on the member
     * @param checkpoint the rounded checkpoint's bytes when the task asked for it, else null
     */
    record Result(@JsonProperty("line") String line, @JsonProperty("checkpoint") byte[] checkpoint) {
        byte[] encode() {
            return write(this);
        }

        static Result decode(byte[] bytes) {
            return read(bytes, Result.class);
        }
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a cluster message: " + e.getMessage(), e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode a cluster message (a member of another barq version?): "
                    + e.getMessage(), e);
        }
    }
}
