package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.evaluation.JsonReports;
import org.barq.experiments.provenance.BuildInfo;

/**
 * What a run was made from ({@code provenance.json}): the resolved config and its SHA-256, the seeds, the data set's
 * checksum and split sizes, the float model's checksum, and barq's version, git commit, Java and OS. Every results
 * line carries {@link #reference()}.
 *
 * @param configSha256  SHA-256 of the resolved config's YAML ({@code config.resolved.yaml})
 * @param config        the resolved config as a tree
 * @param configFile    the config file the run was started with
 * @param created       when the run folder was started, UTC
 * @param seeds         the rounding seeds
 * @param splitSeed     the split seed
 * @param trainSeed     the training seed, or null for a given checkpoint
 * @param datasetSpec   the data set spec
 * @param datasetSha256 SHA-256 of the data set's files
 * @param splitSizes    samples in train, calibration and test
 * @param modelSha256   SHA-256 of {@code model.safetensors}
 * @param modelSource   {@code trained}, or {@code checkpoint:PATH}
 * @param architecture  the model's layers as the architecture spec writes them, e.g. {@code dense(64)-relu-dense(10)}
 * @param modelSizes    an MLP's widths, e.g. {@code [64, 64, 10]}; null for a network with convolutions or pooling
 * @param floatAccuracy the float model's accuracy on calibration and on test
 * @param build         barq's version and commit, Java, OS
 */
public record Provenance(String configSha256, Object config, String configFile, String created, List<Long> seeds,
                         long splitSeed, Long trainSeed, String datasetSpec, String datasetSha256,
                         Map<String, Integer> splitSizes, String modelSha256, String modelSource,
                         String architecture, List<Integer> modelSizes, Map<String, Double> floatAccuracy,
                         BuildInfo build) {

    /** The float model's file name in the run folder. */
    public static final String MODEL_FILE = "model.safetensors";

    /** @return the current time for {@link #created}, to the second */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** @return the reference each results line carries */
    public Map<String, Object> reference() {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("config_sha256", configSha256);
        ref.put("model_sha256", modelSha256);
        ref.put("dataset_sha256", datasetSha256);
        ref.putAll(build.code());
        return ref;
    }

    /**
     * The JSON of {@code provenance.json}: flat keys for what the report and {@code reproduce} look up, details in
     * nested objects.
     *
     * @return keys in this order: {@code config_name} (the config file's name without {@code .yaml}),
     *         {@code config_path, config_sha256, created, seeds {rounding, split, training}, dataset_sha256,
     *         model_sha256, version, commit, java, os, dataset {spec, train, calibration, test}, model {file, source,
     *         architecture, sizes (an MLP's), float_calibration_accuracy, float_test_accuracy}, config} (the resolved config)
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config_name", configName(configFile));
        json.put("config_path", configFile);
        json.put("config_sha256", configSha256);
        json.put("created", created);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rounding", seeds);
        s.put("split", splitSeed);
        if (trainSeed != null) {
            // a given checkpoint has no training seed of the study's; the model's own file says how it was made
            s.put("training", trainSeed);
        }
        json.put("seeds", s);
        json.put("dataset_sha256", datasetSha256);
        json.put("model_sha256", modelSha256);
        json.putAll(build.toJson());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("spec", datasetSpec);
        d.putAll(splitSizes);
        json.put("dataset", d);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", MODEL_FILE);
        m.put("source", modelSource);
        m.put("architecture", architecture);
        if (modelSizes != null) {
            m.put("sizes", modelSizes);
        }
        m.put("float_calibration_accuracy", floatAccuracy.get("calibration"));
        m.put("float_test_accuracy", floatAccuracy.get("test"));
        json.put("model", m);
        json.put("config", config);
        return json;
    }

    /** @return the config file's name without {@code .yaml}, by which a report names the run */
    static String configName(String configFile) {
        String name = Path.of(configFile).getFileName().toString();
        return name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
    }

    /** @param file where to write {@link #toJson()}, atomically */
    void write(Path file) {
        JsonReports.write(file, toJson());
    }

    /**
     * The parts of a written {@code provenance.json} that a resumed run and {@code reproduce} check against.
     *
     * @param configSha256  the resolved config's SHA-256
     * @param config        the resolved config as a tree
     * @param modelSha256   the float model's SHA-256
     * @param datasetSha256 the data set's SHA-256
     */
    record Recorded(String configSha256, JsonNode config, String modelSha256, String datasetSha256) {

        /**
         * @param file a {@code provenance.json}
         * @return its recorded checksums and config
         * @throws InvalidInputException when the file is missing or lacks a key
         */
        static Recorded read(Path file) {
            JsonNode root = StudyJson.read(file);
            return new Recorded(text(root, file, "config_sha256"), require(root, file, "config"),
                    text(root, file, "model_sha256"), text(root, file, "dataset_sha256"));
        }

        private static JsonNode require(JsonNode node, Path file, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(file + " has no '" + key + "'. Maybe it is not a barq run's"
                        + " provenance.json?");
            }
            return v;
        }

        private static String text(JsonNode node, Path file, String key) {
            return require(node, file, key).asText();
        }
    }
}
