package org.barq.cluster;

/**
 * Thrown by a {@link TaskHandler} that will not run a task on its member, e.g. because its data files differ from the
 * coordinator's: the coordinator sends the task elsewhere instead of failing the run. The message is one line.
 */
public class TaskRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what differs, and what to do */
    public TaskRefusedException(String message) {
        super(message);
    }
}
