package org.barq.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.barq.api.InvalidInputException;

/**
 * The member that hands out tasks ({@code barq run --cluster}): an embedded Hazelcast member that runs tasks itself
 * with its own threads and sends the others to the workers that joined it.
 *
 * <p>Why explicit dispatch through the executor service rather than a shared queue that workers poll: the
 * coordinator knows at every moment which member runs which task, so a member that leaves (SIGKILL, a lost machine,
 * a graceful stop) gives back exactly its tasks, which go to the front of the queue; a worker that joins late gets
 * tasks as soon as it has free threads; progress can say what runs where; and no task state lives in the cluster,
 * so a coordinator restarted on an empty cluster needs nothing but its own results file. Each member runs at most as
 * many tasks as it has threads, so a task never waits in a dead member's queue. A result is reported once per task
 * id, however often the task had to run.
 */
public final class ClusterCoordinator implements AutoCloseable {
    /** How often the dispatch loop looks at the membership even when no task finished. */
    private static final long TICK_MILLIS = 500;

    private final HazelcastInstance instance;
    private final IExecutorService executor;

    private ClusterCoordinator(HazelcastInstance instance) {
        this.instance = instance;
        this.executor = instance.getExecutorService(MemberConfigs.EXECUTOR);
    }

    /**
     * Starts the coordinator's member; workers can join it from then on.
     *
     * @param options where to listen ({@code join} must be null) and how many tasks to run here at once
     * @param handler runs the tasks given to this member
     * @return the running coordinator; close it when the run is over
     * @throws InvalidInputException when the port cannot be bound
     */
    public static ClusterCoordinator start(ClusterOptions options, TaskHandler handler) {
        if (options.join() != null) {
            throw new IllegalArgumentException("a coordinator joins nobody: " + options.join());
        }
        try {
            return new ClusterCoordinator(Hazelcast.newHazelcastInstance(MemberConfigs.of(options,
                    MemberConfigs.COORDINATOR, handler)));
        } catch (RuntimeException e) {
            // Hazelcast reports some bad settings as plain RuntimeExceptions ("no matching network interface")
            throw new InvalidInputException("cannot start the cluster member on " + options.iface() + ":"
                    + options.port() + ": " + oneLine(e) + ". Maybe another --port, or --interface set to an"
                    + " address of this machine?", e);
        }
    }

    /** @return this member's {@code host:port}, which workers give to {@code --join} */
    public String address() {
        return MemberConfigs.name(instance.getCluster().getLocalMember());
    }

    /**
     * Runs every task once somewhere in the cluster and reports each result, returning when all are done.
     *
     * @param tasks    the tasks, handed out in this order
     * @param listener told of results, refusals and the running tasks, on this thread
     * @throws TaskFailedException naming the member, with what its task threw as the cause, for any failure other
     *                             than a refusal or the member leaving
     */
    public void runAll(List<Task> tasks, TaskListener listener) {
        new Run(tasks, listener).go();
    }

    /** Leaves the cluster; the workers wait for the next coordinator. */
    @Override
    public void close() {
        instance.shutdown();
    }

    private record Event(String id, UUID member, byte[] result, Throwable failure) {
    }

    /** One {@link #runAll}: the queue, what runs where, and the loop that reacts to results and membership. */
    private final class Run {
        private final Map<String, Task> byId = new LinkedHashMap<>();
        private final TaskListener listener;
        private final Deque<String> queue = new ArrayDeque<>();
        private final Map<String, Member> running = new LinkedHashMap<>();
        private final Set<String> finished = new HashSet<>();
        private final Set<UUID> refusing = new HashSet<>();
        /** Names of the members tasks went to, kept for results that arrive after their member left. */
        private final Map<UUID, String> names = new HashMap<>();
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private SortedMap<String, Integer> lastReported = new TreeMap<>();
        /** Set when a task started, ended or moved, so that the listener hears of it even if the counts are equal. */
        private boolean changed = true;

        Run(List<Task> tasks, TaskListener listener) {
            for (Task t : tasks) {
                if (byId.putIfAbsent(t.id(), t) != null) {
                    throw new IllegalArgumentException("task id " + t.id() + " appears twice");
                }
                queue.add(t.id());
            }
            this.listener = listener;
        }

        void go() {
            while (finished.size() < byId.size()) {
                Set<Member> members = instance.getCluster().getMembers();
                requeueLost(members);
                dispatch(members);
                report(members);
                Event event;
                try {
                    event = events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the tasks ran", e);
                }
                if (event != null) {
                    handle(event);
                }
            }
            report(instance.getCluster().getMembers());
        }

        /** A member can vanish before its futures fail; its tasks go back to the queue at once. */
        private void requeueLost(Set<Member> members) {
            Set<UUID> present = new HashSet<>();
            members.forEach(m -> present.add(m.getUuid()));
            List<String> lost = new ArrayList<>();
            running.forEach((id, m) -> {
                if (!present.contains(m.getUuid())) {
                    lost.add(id);
                }
            });
            for (int i = lost.size() - 1; i >= 0; i--) {
                changed = true;
                running.remove(lost.get(i));
                queue.addFirst(lost.get(i));
            }
        }

        private void dispatch(Set<Member> members) {
            for (Member m : members) {
                if (refusing.contains(m.getUuid())) {
                    continue;
                }
                int free = MemberConfigs.threads(m) - count(m);
                while (free > 0 && !queue.isEmpty()) {
                    String id = queue.pollFirst();
                    if (finished.contains(id) || running.containsKey(id)) {
                        continue;
                    }
                    running.put(id, m);
                    changed = true;
                    free--;
                    submit(id, m);
                }
            }
        }

        private void submit(String id, Member member) {
            UUID uuid = member.getUuid();
            names.put(uuid, MemberConfigs.name(member));
            try {
                executor.submitToMember(new RemoteTask(byId.get(id).payload()), member,
                        new ExecutionCallback<byte[]>() {
                            @Override
                            public void onResponse(byte[] result) {
                                events.add(new Event(id, uuid, result, null));
                            }

                            @Override
                            public void onFailure(Throwable t) {
                                events.add(new Event(id, uuid, null, t));
                            }
                        });
            } catch (RuntimeException e) {
                events.add(new Event(id, uuid, null, e));
            }
        }

        private void handle(Event event) {
            Member ran = running.get(event.id());
            boolean current = ran != null && ran.getUuid().equals(event.member());
            changed = true;
            if (event.failure() == null) {
                if (current) {
                    running.remove(event.id());
                }
                // A result from a member given up on is still good: rounding is deterministic for the seed.
                if (finished.add(event.id())) {
                    queue.remove(event.id());
                    listener.done(event.id(), event.result(), names.get(event.member()));
                }
                return;
            }
            if (!current) {
                return;
            }
            running.remove(event.id());
            TaskRefusedException refused = cause(event.failure(), TaskRefusedException.class);
            if (refused != null) {
                refusing.add(event.member());
                queue.addFirst(event.id());
                listener.refused(event.id(), MemberConfigs.name(ran), refused.getMessage());
            } else if (memberGone(event.failure())) {
                queue.addFirst(event.id());
            } else {
                throw new TaskFailedException(event.id(), MemberConfigs.name(ran), event.failure());
            }
        }

        private int count(Member member) {
            int n = 0;
            for (Member m : running.values()) {
                if (m.getUuid().equals(member.getUuid())) {
                    n++;
                }
            }
            return n;
        }

        private void report(Set<Member> members) {
            SortedMap<String, Integer> now = new TreeMap<>();
            for (Member m : members) {
                if (MemberConfigs.threads(m) > 0 && !refusing.contains(m.getUuid())) {
                    now.put(MemberConfigs.name(m), count(m));
                }
            }
            if (changed || !now.equals(lastReported)) {
                changed = false;
                lastReported = now;
                listener.running(now);
            }
        }
    }

    private static boolean memberGone(Throwable failure) {
        return cause(failure, MemberLeftException.class) != null
                || cause(failure, TargetNotMemberException.class) != null
                || cause(failure, TargetDisconnectedException.class) != null
                || cause(failure, HazelcastInstanceNotActiveException.class) != null
                || cause(failure, RejectedExecutionException.class) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
