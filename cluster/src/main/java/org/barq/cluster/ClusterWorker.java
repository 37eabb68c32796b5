package org.barq.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A member that takes tasks ({@code barq worker --join HOST[:PORT]}): it joins the coordinator's cluster, runs what
 * it is sent with its {@link TaskHandler}, and when the coordinator goes (finished, killed, restarted) it leaves and
 * joins the next coordinator at the same address. Tasks of a coordinator that went are abandoned with their member:
 * the coordinator that comes back resumes from its results file and hands them out again.
 */
public final class ClusterWorker implements AutoCloseable {
    /** How long the worker waits between attempts to reach a coordinator that is not there. */
    private static final long RETRY_MILLIS = 1000;

    private final ClusterOptions options;
    private final TaskHandler handler;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread loop;
    private volatile HazelcastInstance instance;
    private volatile String address;
    /** The last failure said, so that a worker retrying every second does not say it every second. */
    private String lastFailure;

    private ClusterWorker(ClusterOptions options, TaskHandler handler, Consumer<String> log) {
        this.options = options;
        this.handler = handler;
        this.log = log;
        this.loop = new Thread(this::serve, "barq-worker-" + options.name());
        this.loop.setDaemon(true);
    }

    /**
     * Starts the worker; it joins (and rejoins) the coordinator in the background until {@link #close}.
     *
     * @param options where to listen, the coordinator's address ({@code join}) and the thread count
     * @param handler runs the tasks sent here
     * @param log     one line per join, leave and wait
     * @return the running worker
     */
    public static ClusterWorker start(ClusterOptions options, TaskHandler handler, Consumer<String> log) {
        if (options.join() == null) {
            throw new IllegalArgumentException("a worker needs the coordinator's address");
        }
        ClusterOptions.requireLocalInterface(options.iface());
        // a worker whose every port is taken would retry for ever
        options.requireFreePort();
        ClusterWorker worker = new ClusterWorker(options, handler, log);
        worker.loop.start();
        return worker;
    }

    /** @return this member's {@code host:port} while it is in a cluster, else null */
    public String address() {
        return address;
    }

    /** Blocks until {@link #close} (from another thread or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    /** Leaves the cluster and stops rejoining. */
    @Override
    public void close() {
        stopped.countDown();
        loop.interrupt();
        HazelcastInstance current = instance;
        if (current != null) {
            current.shutdown();
        }
        try {
            loop.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        boolean saidWaiting = false;
        boolean saidForeign = false;
        while (stopped.getCount() > 0) {
            try {
                if (!reachable()) {
                    if (!saidWaiting) {
                        log.accept("waiting for the coordinator at " + options.join() + " ...");
                        saidWaiting = true;
                    }
                    Thread.sleep(RETRY_MILLIS);
                    continue;
                }
                CountDownLatch coordinatorLeft = new CountDownLatch(1);
                HazelcastInstance member = Hazelcast.newHazelcastInstance(MemberConfigs.of(options,
                        MemberConfigs.WORKER, handler));
                instance = member;
                member.getCluster().addMembershipListener(new MembershipListener() {
                    @Override
                    public void memberAdded(MembershipEvent event) {
                    }

                    @Override
                    public void memberRemoved(MembershipEvent event) {
                        if (MemberConfigs.isCoordinator(event.getMember())) {
                            coordinatorLeft.countDown();
                        }
                    }
                });
                Member coordinator = member.getCluster().getMembers().stream().filter(MemberConfigs::isCoordinator)
                        .findFirst().orElse(null);
                if (coordinator == null) {
                    // Something listens at the address but did not take us in: another cluster name, or a
                    // coordinator that just went.
                    member.shutdown();
                    instance = null;
                    if (!saidForeign) {
                        log.accept("no coordinator of cluster '" + options.name() + "' answered at " + options.join()
                                + " (another --cluster-name there, or a coordinator too busy to answer within the"
                                + " 10 s join time?); trying again");
                        saidForeign = true;
                    }
                    Thread.sleep(RETRY_MILLIS);
                    continue;
                }
                saidForeign = false;
                address = MemberConfigs.name(member.getCluster().getLocalMember());
                saidWaiting = false;
                log.accept("joined cluster '" + options.name() + "' of coordinator " + MemberConfigs.name(coordinator)
                        + " as " + address + " (" + options.threads() + (options.threads() == 1 ? " thread)"
                        : " threads)"));
                while (coordinatorLeft.getCount() > 0 && member.getLifecycleService().isRunning()) {
                    coordinatorLeft.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
                }
                address = null;
                member.shutdown();
                instance = null;
                if (stopped.getCount() > 0) {
                    log.accept("the coordinator left; waiting for the next one at " + options.join());
                    saidWaiting = true;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Hazelcast's start fails with plain RuntimeExceptions too; one left uncaught ended this loop and left
                // the worker waiting for nothing
                if (stopped.getCount() == 0) {
                    return;
                }
                String said = "cannot join " + options.join() + ": " + String.valueOf(e.getMessage()).lines()
                        .findFirst().orElse("") + "; trying again";
                if (!said.equals(lastFailure)) {
                    log.accept(said);
                    lastFailure = said;
                }
                sleepQuietly();
            }
        }
    }

    /** A plain connection attempt first, so that a worker alone never starts a cluster of its own. */
    private boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(options.joinHost(), options.joinPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
