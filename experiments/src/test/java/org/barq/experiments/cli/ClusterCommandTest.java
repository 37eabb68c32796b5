package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad cluster options of {@code run} and {@code worker}: one line, exit code 2, before any member starts. */
class ClusterCommandTest {
    private static void refused(String expected, String... args) {
        Cli r = Cli.run(args);
        assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).contains(expected), lines.get(0));
    }

    @Test
    void clusterOptionsWithoutClusterAreRefused() {
        refused("--port is for a cluster run. Maybe add --cluster?", "run", "configs/smoke.yaml", "--port", "5701");
        refused("--cluster-name is for a cluster run", "run", "configs/smoke.yaml", "--cluster-name", "x");
    }

    @Test
    void aBadJoinAddressOrThreadCountIsRefused() {
        refused("is not a port number. Maybe --join 10.0.0.5:5701?", "worker", "--join", "10.0.0.5:70000");
        for (String ipv6 : new String[] {"[::1]:5701", "fe80::1", "::1"}) {
            refused("--join '" + ipv6 + "' is an IPv6 address, which barq's cluster does not take. Maybe the"
                    + " coordinator's host name or IPv4 address", "worker", "--join", ipv6);
        }
        refused("--threads 0 must be at least 1", "worker", "--join", "127.0.0.1", "--threads", "0");
        refused("cluster name 'a b'", "worker", "--join", "127.0.0.1", "--cluster-name", "a b");
    }

    /** These failed inside Hazelcast's start: a worker then waited for ever, a coordinator after training, exit 1. */
    @Test
    void anInterfaceNotOfThisMachineAJobCountOrATakenPortIsRefusedBeforeAnyWork() throws Exception {
        refused("--interface localhost is not an IPv4 address of this machine, which has [", "worker", "--join",
                "127.0.0.1:6051", "--interface", "localhost");
        refused("--interface 10.99.99.99 is not an IPv4 address of this machine", "run", "../configs/smoke.yaml",
                "--cluster", "--interface", "10.99.99.99");
        refused("--jobs 0 must be at least 1. Maybe --jobs 2?", "run", "../configs/smoke.yaml", "--cluster",
                "--jobs", "0");
        refused("Maybe --port-count 1, or a lower --port?", "worker", "--join", "127.0.0.1:65535");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            refused("port " + port + " on 127.0.0.1 is in use, so this member cannot listen. Maybe another --port?",
                    "run", "../configs/smoke.yaml", "--out", "target/never-trained", "--cluster", "--port",
                    Integer.toString(port));
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("target/never-trained")), "before training");
            refused("port " + port + " on 127.0.0.1 is in use, so this member cannot listen. Maybe another --port, or"
                    + " a larger --port-count?",
                    "worker", "--join", "127.0.0.1:" + (port == 1 ? 2 : port - 1), "--port", Integer.toString(port),
                    "--port-count", "1");
        }
    }
}
