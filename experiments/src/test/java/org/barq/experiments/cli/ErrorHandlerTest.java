package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;
import org.barq.api.InvalidInputException;
import org.barq.cluster.TaskFailedException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Running out of memory is the machine's limit, not a bug: one line saying what to change, exit 1. */
class ErrorHandlerTest {
    @CommandLine.Command(name = "probe")
    static final class Probe implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void outOfMemoryInAVariantThreadIsOneLineWithWhatToChange() {
        StringWriter text = new StringWriter();
        CommandLine cmd = new CommandLine(new Probe());
        cmd.setErr(new PrintWriter(text, true));
        // a study's pool wraps its variant's error twice on the way to the handler
        Exception e = new IllegalStateException(new ExecutionException(new OutOfMemoryError("Java heap space")));
        assertEquals(1, new ErrorHandler().handleExecutionException(e, cmd, null));
        String err = text.toString();
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("barq: error: out of memory (Java heap space; the Java heap may grow to "), err);
        assertTrue(err.contains("Maybe give barq more (BARQ_JAVA_OPTS=-Xmx16g"), err);
        assertFalse(err.contains("bug") || err.contains("\tat "), err);
    }

    @Test
    void aClusterMemberOutOfMemoryIsNamedInsteadOfThisMachinesHeap() {
        StringWriter text = new StringWriter();
        CommandLine cmd = new CommandLine(new Probe());
        cmd.setErr(new PrintWriter(text, true));
        Exception e = new TaskFailedException("b4/gptq/reconstruction/l0/s0", "10.0.0.7:5702",
                new OutOfMemoryError("Java heap space"));
        assertEquals(1, new ErrorHandler().handleExecutionException(e, cmd, null));
        assertEquals("barq: error: cluster member 10.0.0.7:5702 ran out of memory (Java heap space). Maybe give the"
                + " barq there more (BARQ_JAVA_OPTS=-Xmx16g ./barq worker ...), or fewer --threads?",
                text.toString().strip());
    }

    @Test
    void aClusterMembersBadInputNamesTheMemberAndTheVariant() {
        StringWriter text = new StringWriter();
        CommandLine cmd = new CommandLine(new Probe());
        cmd.setErr(new PrintWriter(text, true));
        Exception e = new TaskFailedException("b4/gptq/reconstruction/l0/s0", "10.0.0.7:5702",
                new InvalidInputException("data set mnist: folder /data/mnist does not exist. Maybe BARQ_DATA?"));
        assertEquals(2, new ErrorHandler().handleExecutionException(e, cmd, null));
        assertEquals("barq: error: cluster member 10.0.0.7:5702, variant b4/gptq/reconstruction/l0/s0: data set mnist:"
                + " folder /data/mnist does not exist. Maybe BARQ_DATA?", text.toString().strip());
    }

    @Test
    void anyOtherFailureIsStillReportedAsABugWithItsTrace() {
        StringWriter text = new StringWriter();
        CommandLine cmd = new CommandLine(new Probe());
        cmd.setErr(new PrintWriter(text, true));
        assertEquals(1, new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cmd, null));
        assertTrue(text.toString().startsWith("barq: internal error (a bug; please report it with this trace)"),
                text.toString());
        assertTrue(text.toString().contains("\tat "), text.toString());
    }
}
