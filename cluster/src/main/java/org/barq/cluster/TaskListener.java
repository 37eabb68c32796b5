package org.barq.cluster;

import java.util.SortedMap;

/** Told how {@link ClusterCoordinator#runAll} goes; every call comes from the thread that called it, one at a time. */
public interface TaskListener {
    /**
     * @param id     the task
     * @param result what the handler returned
     * @param member the member that ran it, {@code host:port}
     */
    void done(String id, byte[] result, String member);

    /**
     * @param id     the task, which goes back to the queue
     * @param member the member that refused it; it gets no more tasks of this run
     * @param reason the handler's one-line message
     */
    void refused(String id, String member, String reason);

    /**
     * Called whenever a task starts, ends or moves, or a member comes or goes.
     *
     * @param perMember tasks running now on each member that takes tasks, by {@code host:port}
     */
    void running(SortedMap<String, Integer> perMember);
}
