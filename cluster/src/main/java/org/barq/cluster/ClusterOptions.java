package org.barq.cluster;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.barq.api.InvalidInputException;

/**
 * Where a member listens and whom it joins.
 *
 * @param name      the cluster name; members of another name are refused
 * @param iface     the one address this member binds and accepts connections on, e.g. {@code 127.0.0.1} or
 *                  {@code 10.0.0.5}
 * @param port      the first port this member tries
 * @param portCount how many ports from {@code port} on it may take (the next free one); 1 for exactly {@code port}
 * @param join      {@code host:port} of the coordinator for a worker, null for the coordinator itself
 * @param threads   tasks this member runs at the same time, at least 1
 */
public record ClusterOptions(String name, String iface, int port, int portCount, String join, int threads) {
    /** The port a coordinator listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 5701;
    /** The cluster name unless the config or {@code --cluster-name} gives one. */
    public static final String DEFAULT_NAME = "barq";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

    /** Validates every field, so that a member never starts half-configured. */
    public ClusterOptions {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("cluster name '" + name + "' must be 1-64 letters, digits, '.', '_' or"
                    + " '-'. Maybe --cluster-name barq-digits?");
        }
        if (iface == null || !HOST.matcher(iface).matches()) {
            throw new InvalidInputException("interface '" + iface + "' is not an address of this machine. Maybe"
                    + " --interface 127.0.0.1, or this machine's address on the trusted network?");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("--port " + port + " must lie in 1..65535. Maybe --port "
                    + DEFAULT_PORT + "?");
        }
        if (portCount < 1 || port + portCount - 1 > 65535) {
            throw new InvalidInputException("--port-count " + portCount + " must be at least 1 and keep the range"
                    + " within 65535 (first port " + port + "). Maybe --port-count " + Math.max(1, 65536 - port)
                    + ", or a lower --port?");
        }
        if (join != null) {
            hostAndPort(join);
        }
        if (threads < 1) {
            throw new InvalidInputException("--threads " + threads + " must be at least 1. Maybe --threads 1?");
        }
    }

    /**
     * Hazelcast binds only to an IPv4 address that one of this machine's network interfaces has; anything else
     * (a host name, another machine's address) failed deep inside its start, after a run had trained its model.
     *
     * @param iface the address given with {@code --interface}
     * @throws InvalidInputException naming the address and the ones this machine has
     */
    public static void requireLocalInterface(String iface) {
        List<String> local = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        local.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            throw new InvalidInputException("cannot list this machine's network addresses: " + e.getMessage() + ".",
                    e);
        }
        Collections.sort(local);
        if (!local.contains(iface)) {
            throw new InvalidInputException("--interface " + iface + " is not an IPv4 address of this machine,"
                    + " which has " + local + ". Maybe --interface " + (local.isEmpty() ? "127.0.0.1" : local.get(0))
                    + ", or its address on the trusted network?");
        }
    }

    /**
     * Checked before a member starts, so that a coordinator refuses a taken port before its study trains a model and
     * a worker does not retry for ever.
     *
     * @throws InvalidInputException when every port of the range on {@link #iface} is taken
     */
    public void requireFreePort() {
        for (int p = port; p < port + portCount; p++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(iface, p));
                return;
            } catch (IOException taken) {
                // the next port of the range, if any
            }
        }
        throw new InvalidInputException((portCount == 1 ? "port " + port : "ports " + port + ".." + (port + portCount
                - 1)) + " on " + iface + (portCount == 1 ? " is" : " are all") + " in use, so this member cannot"
                + " listen. Maybe another --port" + (join == null ? "?" : ", or a larger --port-count?"));
    }

    /**
     * @param address {@code HOST} or {@code HOST:PORT}
     * @return {@code HOST:PORT}, with {@link #DEFAULT_PORT} when none is given
     * @throws InvalidInputException for anything else
     */
    public static String hostAndPort(String address) {
        String host = address == null ? "" : address;
        if (host.startsWith("[") || host.indexOf(':') != host.lastIndexOf(':')) {
            throw new InvalidInputException("--join '" + address + "' is an IPv6 address, which barq's cluster does"
                    + " not take. Maybe the coordinator's host name or IPv4 address, e.g. --join 10.0.0.5:"
                    + DEFAULT_PORT + "?");
        }
        int port = DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String digits = host.substring(colon + 1);
            if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                throw new InvalidInputException("--join " + address + ": the port '" + digits + "' is not a port"
                        + " number. Maybe --join " + host.substring(0, colon) + ":" + DEFAULT_PORT + "?");
            }
            port = Integer.parseInt(digits);
            host = host.substring(0, colon);
        }
        if (host.isEmpty() || !HOST.matcher(host).matches()) {
            throw new InvalidInputException("--join '" + address + "' is not HOST[:PORT]. Maybe --join 10.0.0.5:"
                    + DEFAULT_PORT + "?");
        }
        return host + ":" + port;
    }

    /** @return the host part of {@link #join} */
    public String joinHost() {
        String joined = hostAndPort(join);
        return joined.substring(0, joined.lastIndexOf(':'));
    }

    /** @return the port part of {@link #join} */
    public int joinPort() {
        String joined = hostAndPort(join);
        return Integer.parseInt(joined.substring(joined.lastIndexOf(':') + 1));
    }
}
