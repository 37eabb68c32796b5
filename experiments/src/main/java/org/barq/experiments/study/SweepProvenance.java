package org.barq.experiments.study;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.experiments.study.config.StudyConfigs;

/**
 * What a features or input-bits study was made from, for its report's provenance table: the config (name, path and
 * the resolved YAML's SHA-256), the seeds, each data set's files' SHA-256 as it is read, and barq's version and
 * commit, Java and OS. The keys are those of a rounding study's {@code provenance.json} where they mean the same, so
 * that the report shows both alike. It is not written as {@code provenance.json}, which marks a rounding study's folder.
 */
final class SweepProvenance {
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, String> datasets = new LinkedHashMap<>();

    /**
     * @param configFile   the config the study was started with
     * @param resolvedYaml the resolved config ({@code config.resolved.yaml})
     * @param seeds        the study's seeds, by what they seed
     */
    SweepProvenance(Path configFile, String resolvedYaml, Map<String, Object> seeds) {
        json.put("config_name", Provenance.configName(configFile.toString()));
        json.put("config_path", configFile.toString());
        json.put("config_sha256", StudyConfigs.sha256(resolvedYaml));
        json.put("seeds", seeds);
        json.put("dataset_sha256", datasets);
        json.putAll(BuildInfo.current().toJson());
    }

    /**
     * @param spec   a data set the study read
     * @param sha256 its files' SHA-256
     */
    void dataset(String spec, String sha256) {
        datasets.put(spec, sha256);
    }

    /** @return the record, keys in a fixed order; data sets in the order they were read */
    Map<String, Object> toJson() {
        return json;
    }
}
