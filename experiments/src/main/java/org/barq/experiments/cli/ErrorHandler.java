package org.barq.experiments.cli;

import java.io.PrintWriter;
import org.barq.api.InvalidInputException;
import picocli.CommandLine;

/**
 * Turns failures into exit codes: bad input (a parameter, a file, a value) prints one line and exits 2; anything
 * else is a barq bug, printed with its stack trace, exit 1. {@code --verbose} adds stack traces to bad input too.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed != null && parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        Throwable cause = e;
        while (!(cause instanceof InvalidInputException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidInputException) {
            err.println("barq: error: " + cause.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return BAD_INPUT;
        }
        err.println("barq: internal error (a bug; please report it with this trace): " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("barq: error: " + ex.getMessage() + ". See '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + " --help'.");
        err.flush();
        return BAD_INPUT;
    }
}
