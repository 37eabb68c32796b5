package org.barq.experiments.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the command line in-process and captures what it prints; the tests of other packages use it too.
 *
 * @param exitCode the exit code
 * @param out      what went to standard output
 * @param err      what went to standard error
 */
public record Cli(int exitCode, String out, String err) {
    /** @return the outcome of {@code barq ARGS} */
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BarqMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
