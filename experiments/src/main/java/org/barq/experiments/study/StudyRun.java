package org.barq.experiments.study;

import java.util.List;

/**
 * What a finished {@code barq run} did.
 *
 * @param folder   the run folder
 * @param variants the study's variants
 * @param ran      how many ran in this session (the rest were finished before)
 * @param seconds  this session's wall time
 * @param written  the analysis files written after the variants, relative to the folder
 */
public record StudyRun(RunFolder folder, int variants, int ran, double seconds, List<String> written) {
    /** Copies the list. */
    public StudyRun {
        written = List.copyOf(written);
    }
}
