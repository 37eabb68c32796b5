package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.barq.cluster.ClusterOptions;
import org.barq.cluster.ClusterWorker;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.study.RunSettings;
import org.barq.experiments.study.VariantHandler;
import picocli.CommandLine;

/** {@code barq worker}: a cluster member that rounds the variants of the studies its coordinator runs. */
@CommandLine.Command(name = "worker", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Join the cluster of a 'barq run CONFIG --cluster' on HOST and round the variants it sends,"
                + " until stopped (Ctrl-C). The results land in the coordinator's run folder.",
                "The data set files must be the coordinator's (same checksums): a worker whose files differ refuses"
                        + " the study. When the coordinator ends or dies, the worker waits for the next one at the"
                        + " same address.",
                "Security: members authenticate nothing but the cluster name; keep the cluster ports on a trusted"
                        + " network."})
final class WorkerCommand implements Callable<Integer> {
    private final SequentialRounding rounding;
    private final LogitCorrections corrections;

    @CommandLine.Option(names = "--join", paramLabel = "HOST[:PORT]", required = true,
            description = "The coordinator's address, as 'barq run --cluster' prints it; PORT defaults to 5701.")
    private String join;

    @CommandLine.Option(names = "--threads", paramLabel = "N",
            description = "Variants rounded here at the same time. Default: 2 on two or more cores, else 1.")
    private Integer threads;

    @CommandLine.Option(names = "--port", paramLabel = "PORT",
            description = "The first port this member tries. Default: the coordinator's port + 1.")
    private Integer port;

    @CommandLine.Option(names = "--port-count", paramLabel = "N", defaultValue = "100",
            description = "How many ports from --port on this member may take (several workers on one machine).")
    private int portCount;

    @CommandLine.Mixin
    private ClusterFlags flags;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    WorkerCommand(SequentialRounding rounding, LogitCorrections corrections) {
        this.rounding = rounding;
        this.corrections = corrections;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        String coordinator = ClusterOptions.hostAndPort(join);
        String host = coordinator.substring(0, coordinator.lastIndexOf(':'));
        int coordinatorPort = Integer.parseInt(coordinator.substring(coordinator.lastIndexOf(':') + 1));
        ClusterOptions options = new ClusterOptions(
                flags.name != null ? flags.name : ClusterOptions.DEFAULT_NAME,
                flags.iface != null ? flags.iface : ClusterFlags.localAddressTowards(host),
                port != null ? port : Math.min(coordinatorPort + 1, 65535), portCount, coordinator,
                threads != null ? threads : RunSettings.defaultJobs());
        VariantHandler handler = new VariantHandler(rounding, corrections, line -> say(console, line));
        ClusterWorker worker = ClusterWorker.start(options, handler, line -> say(console, line));
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "barq-worker-stop"));
        worker.awaitClose();
        return 0;
    }

    private static void say(PrintWriter console, String line) {
        synchronized (console) {
            console.println("worker: " + line);
            console.flush();
        }
    }
}
