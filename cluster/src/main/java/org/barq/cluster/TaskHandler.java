package org.barq.cluster;

/**
 * Runs one task on whichever member it was sent to. Tasks and results are opaque bytes so that this module knows
 * nothing of what a task is; the handler must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface TaskHandler {
    /**
     * @param task the task's bytes, as given to {@link ClusterCoordinator#runAll}
     * @return the result's bytes, handed to {@link TaskListener#done} on the coordinator
     * @throws TaskRefusedException when this member cannot run the task faithfully (its inputs differ); the
     *                              coordinator then runs it elsewhere and sends this member no more tasks
     */
    byte[] handle(byte[] task);
}
