package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.barq.api.InvalidInputException;
import org.barq.experiments.pipeline.SolverFailedException;
import org.barq.cluster.TaskFailedException;
import picocli.CommandLine;

/**
 * Turns failures into exit codes: bad input (a parameter, a file, a value) prints one line and exits 2; anything
 * else is a barq bug, printed with its stack trace, exit 1, except running out of memory: one line, exit 1.
 * {@code --verbose} adds stack traces to bad input too.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed != null && parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        InvalidInputException bad = null;
        SolverFailedException plugin = null;
        TaskFailedException remote = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            bad = t instanceof InvalidInputException input && bad == null ? input : bad;
            plugin = t instanceof SolverFailedException failed && failed.plugin() && plugin == null ? failed : plugin;
            remote = t instanceof TaskFailedException failed && remote == null ? failed : remote;
            if (t instanceof OutOfMemoryError oom) {
                return remote == null ? outOfMemory(oom, err) : memberOutOfMemory(remote.member(), oom, err);
            }
        }
        if (bad != null) {
            // a member's bad input is that machine's (its files, its plug-ins): say which, and which variant
            err.println("barq: error: " + (remote == null ? "" : "cluster member " + remote.member() + ", variant "
                    + remote.task() + ": ") + bad.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return BAD_INPUT;
        }
        if (plugin != null) {
            // the plug-in's fault, not barq's: one line, the trace on request
            // the outermost message: a study's says which variant, the solver's which layer
            err.println("barq: error: " + e.getMessage() + ". Maybe report it to the plug-in's author, or run"
                    + " without it (--verbose shows the trace)?");
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
        err.println("barq: internal error (a bug; please report it with this trace): " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * Not a bug but a machine too small for the job, so one line with what to change; exit 1. Java's heap and the
     * native memory ND4J allocates (JavaCPP throws this error when it passes its limit) both end here.
     *
     * @param e   the error
     * @param err where the line goes
     * @return the exit code, 1
     */
    static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        err.printf(Locale.ROOT, "barq: error: out of memory (%s; the Java heap may grow to %d MB). Maybe give barq more"
                        + " (BARQ_JAVA_OPTS=-Xmx16g ./barq ..., see the README on memory), run fewer variants at once"
                        + " (--jobs 1), or round on fewer calibration samples?%n", e.getMessage(),
                Runtime.getRuntime().maxMemory() >> 20);
        err.flush();
        return 1;
    }

    /** As {@link #outOfMemory}, for a cluster member's task: this machine's heap is not the one to change. */
    private static int memberOutOfMemory(String member, OutOfMemoryError e, PrintWriter err) {
        err.printf(Locale.ROOT, "barq: error: cluster member %s ran out of memory (%s). Maybe give the barq there more"
                + " (BARQ_JAVA_OPTS=-Xmx16g ./barq worker ...), or fewer --threads?%n", member, e.getMessage());
        err.flush();
        return 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        String message = ex.getMessage();
        String end = message.endsWith("?") || message.endsWith(".") ? " " : ". ";
        err.println("barq: error: " + message + end + "See '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + " --help'.");
        err.flush();
        return BAD_INPUT;
    }
}
