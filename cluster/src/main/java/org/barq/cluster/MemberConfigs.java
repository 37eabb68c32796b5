package org.barq.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The Hazelcast configuration every barq member shares, and the attributes by which members tell each other apart. */
final class MemberConfigs {
    /** The executor service the tasks run on; its pool size is the member's thread count. */
    static final String EXECUTOR = "barq.tasks";
    /** The user-context key under which a member's {@link TaskHandler} waits for {@link RemoteTask}s. */
    static final String HANDLER = "barq.handler";
    /** Member attribute: how many tasks the member runs at once. */
    static final String THREADS = "barq.threads";
    /** Member attribute: {@code coordinator} or {@code worker}. */
    static final String ROLE = "barq.role";
    static final String COORDINATOR = "coordinator";
    static final String WORKER = "worker";

    static {
        // Hazelcast reads its logger before any Config exists (and warns about Java module access then), so the
        // property has to be set for the JVM; a user who sets it explicitly still gets Hazelcast's log.
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
    }

    private MemberConfigs() {
    }

    /**
     * @param options where to listen and whom to join
     * @param role    {@link #COORDINATOR} or {@link #WORKER}
     * @param handler runs the tasks sent to this member
     * @return the configuration: TCP/IP join on the one interface, quiet, no phone-home
     */
    static Config of(ClusterOptions options, String role, TaskHandler handler) {
        Config config = new Config();
        config.setClusterName(options.name());
        config.setInstanceName("barq-" + role + "-" + options.name() + "-" + options.port() + "-"
                + System.nanoTime());
        // barq prints its own one-line progress; Hazelcast's INFO lines (and its phone-home) are noise to a user.
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // Bind the configured interface only, never every interface of the machine.
        config.setProperty("hazelcast.socket.bind.any", "false");
        // A SIGKILLed worker is noticed within seconds rather than the default minute, so its task moves on soon.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "8");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.join.seconds", "10");
        // Tasks go by the executor service, not by partition: a few partitions start and migrate faster.
        config.setProperty("hazelcast.partition.count", "7");
        // The worker restarts its member itself when the coordinator goes, and the JVM's end is ours to manage.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getMemberAttributeConfig().setAttribute(ROLE, role);
        config.getMemberAttributeConfig().setAttribute(THREADS, Integer.toString(options.threads()));
        config.getExecutorConfig(EXECUTOR).setPoolSize(options.threads());
        ConcurrentMap<String, Object> context = new ConcurrentHashMap<>();
        context.put(HANDLER, handler);
        config.setUserContext(context);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortCount(options.portCount())
                .setPortAutoIncrement(options.portCount() > 1);
        network.getInterfaces().setEnabled(true).addInterface(options.iface());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
                .addMember(options.join() != null ? ClusterOptions.hostAndPort(options.join())
                        : options.iface() + ":" + options.port());
        return config;
    }

    /** @return {@code host:port} of the member, as progress and results name it */
    static String name(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /** @return the member's thread count, 0 when it takes no tasks */
    static int threads(Member member) {
        String threads = member.getAttribute(THREADS);
        return threads == null ? 0 : Integer.parseInt(threads);
    }

    /** @return true for the member that hands out the tasks */
    static boolean isCoordinator(Member member) {
        return COORDINATOR.equals(member.getAttribute(ROLE));
    }
}
