package org.barq.experiments.study;

import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.cluster.ClusterOptions;

/**
 * How to run a study.
 *
 * @param out      the run folder
 * @param jobs     variants rounded at the same time, at least 1
 * @param forceNew start over even when the folder holds a study of another config (its files are moved aside)
 * @param cluster  where the coordinator listens when the variants run on a cluster ({@code --cluster}), with
 *                 {@code jobs} threads of its own; null to run them all in this JVM
 */
public record RunSettings(Path out, int jobs, boolean forceNew, ClusterOptions cluster) {
    /** Validates the job count. */
    public RunSettings {
        requireJobs(jobs);
        if (cluster != null && cluster.threads() != jobs) {
            throw new IllegalArgumentException("the coordinator's threads are the run's jobs: " + cluster.threads()
                    + " != " + jobs);
        }
    }

    /** Settings of a run in this JVM alone. */
    public RunSettings(Path out, int jobs, boolean forceNew) {
        this(out, jobs, forceNew, null);
    }

    /**
     * @param jobs variants at the same time, as {@code --jobs} gives them
     * @throws InvalidInputException when below 1
     */
    public static void requireJobs(int jobs) {
        if (jobs < 1) {
            throw new InvalidInputException("--jobs " + jobs + " must be at least 1. Maybe --jobs 2?");
        }
    }

    /** @return 2 on a machine with two or more cores, else 1 */
    public static int defaultJobs() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }
}
