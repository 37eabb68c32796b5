package org.barq.experiments.study;

import java.nio.file.Path;
import org.barq.api.InvalidInputException;

/**
 * How to run a study.
 *
 * @param out      the run folder
 * @param jobs     variants rounded at the same time, at least 1
 * @param forceNew start over even when the folder holds a study of another config (its files are moved aside)
 */
public record RunSettings(Path out, int jobs, boolean forceNew) {
    /** Validates the job count. */
    public RunSettings {
        if (jobs < 1) {
            throw new InvalidInputException("--jobs " + jobs + " must be at least 1. Maybe --jobs 2?");
        }
    }

    /** @return 2 on a machine with two or more cores, else 1 */
    public static int defaultJobs() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }
}
