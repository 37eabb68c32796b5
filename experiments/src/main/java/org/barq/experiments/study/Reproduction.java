package org.barq.experiments.study;

/**
 * The outcome of {@code barq reproduce}.
 *
 * @param id       the variant's id
 * @param index    its index
 * @param recorded the {@code codes_sha256} in {@code results.jsonl}
 * @param actual   the {@code codes_sha256} of the re-run
 */
public record Reproduction(String id, int index, String recorded, String actual) {
    /** @return true when the re-run gave the recorded codes */
    public boolean matches() {
        return recorded.equals(actual);
    }
}
