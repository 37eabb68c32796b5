package org.barq.cluster;

import java.util.Objects;

/**
 * One unit of work for {@link ClusterCoordinator#runAll}.
 *
 * @param id      unique within a run; a task's result is reported once per id however often it had to run
 * @param payload what the {@link TaskHandler} decodes
 */
public record Task(String id, byte[] payload) {
    /** Requires both. */
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
    }
}
