package org.barq.experiments.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.barq.api.InvalidInputException;
import picocli.CommandLine;

/** The options that {@code run --cluster} and {@code worker} share: the cluster's name and where a member listens. */
final class ClusterFlags {
    @CommandLine.Option(names = "--cluster-name", paramLabel = "NAME",
            description = "The cluster's name; members of another name are refused. Default: barq (for run, the"
                    + " config's cluster.name when it has one).")
    String name;

    @CommandLine.Option(names = "--interface", paramLabel = "ADDR",
            description = "The IPv4 address of this machine that this member binds and accepts members on: keep it on"
                    + " the trusted network, the cluster port must not be reachable from beyond it. Default for run:"
                    + " 127.0.0.1 (this machine only); for worker: this machine's address on the way to the --join"
                    + " host.")
    String iface;

    /**
     * @param host a host this machine reaches
     * @return the local address it would use to reach it; a UDP "connect" only picks the route, no packet is sent
     */
    static String localAddressTowards(String host) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, 9));
            String address = socket.getLocalAddress().getHostAddress();
            if (address.equals("0.0.0.0") || address.equals("::")) {
                throw new InvalidInputException("cannot tell which address of this machine reaches " + host
                        + ". Maybe give it with --interface?");
            }
            return address;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("cannot reach --join host " + host + ": " + e.getMessage()
                    + ". Maybe check the name, or give --interface?", e);
        }
    }
}
