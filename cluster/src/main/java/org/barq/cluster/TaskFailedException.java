package org.barq.cluster;

/**
 * A task that failed on a member for a reason other than a refusal, which ends the run: it names the member, so that
 * a failure that depends on the machine (running out of memory) can say which machine to change.
 */
public class TaskFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String task;
    private final String member;

    /**
     * @param task   the task's id
     * @param member the member's {@code host:port}
     * @param cause  what the member's handler threw
     */
    public TaskFailedException(String task, String member, Throwable cause) {
        super("task " + task + " failed on " + member + ": " + cause, cause);
        this.task = task;
        this.member = member;
    }

    /** @return the task's id */
    public String task() {
        return task;
    }

    /** @return the member's {@code host:port} */
    public String member() {
        return member;
    }
}
