package org.barq.experiments.study;

import java.util.Objects;

/**
 * The outcome of {@code barq reproduce}.
 *
 * @param id                 the variant's id
 * @param index              its index
 * @param recorded           the {@code codes_sha256} in {@code results.jsonl}
 * @param actual             the {@code codes_sha256} of the re-run
 * @param recordedCorrection a corrected variant's recorded correction (clusters and calibration error after it), or
 *                           null for a variant without one
 * @param actualCorrection   the same of the correction fitted again, or null
 * @param sourceChange       how a plug-in solver's code differs from the one recorded, or null when it does not
 */
public record Reproduction(String id, int index, String recorded, String actual, String recordedCorrection,
                           String actualCorrection, String sourceChange) {
    /** @return true when the re-run gave the recorded codes, and the recorded correction when there is one */
    public boolean matches() {
        return recorded.equals(actual) && Objects.equals(recordedCorrection, actualCorrection);
    }
}
