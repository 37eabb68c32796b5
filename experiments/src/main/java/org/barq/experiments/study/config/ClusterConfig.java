package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * Where a study runs when it is started with {@code --cluster}: only the cluster's name, since ports and interfaces
 * belong to the machine rather than to the study. Not part of the resolved config that a run hashes, so that moving a
 * study onto a cluster (or renaming the cluster) resumes it rather than refusing its folder.
 *
 * @param name the cluster name that members must share, e.g. {@code barq-digits}; {@code --cluster-name} overrides it
 */
public record ClusterConfig(@JsonProperty("name") String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the name. */
    public ClusterConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigValueException("cluster.name", name, "must be 1-64 letters, digits, '.', '_' or '-'."
                    + " Maybe barq-digits?");
        }
    }
}
