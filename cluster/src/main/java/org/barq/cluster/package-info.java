/**
 * Runs opaque tasks across a cluster of JVMs: a {@link org.barq.cluster.ClusterCoordinator} that hands out tasks and
 * collects their results, and {@link org.barq.cluster.ClusterWorker}s on other machines (or the same one) that run
 * them through a {@link org.barq.cluster.TaskHandler}. Hazelcast is the engine, but no public type of this package
 * names a Hazelcast type, so the modules that use it compile without it.
 *
 * <p>Members join over TCP/IP only (no multicast, no cloud auto-detection), bind only the configured interface, and
 * accept only members of the configured cluster name. Open-source Hazelcast does not authenticate members, so the
 * cluster port must stay on a trusted network.
 */
package org.barq.cluster;
