package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help, as a user asks for it. */
class HelpTest {
    @Test
    void everyCommandsHelpPrintsWithoutPicocliWarnings() {
        List<String> names = new ArrayList<>();
        for (Class<?> command : BarqMain.class.getAnnotation(CommandLine.Command.class).subcommands()) {
            names.add(command.getAnnotation(CommandLine.Command.class).name());
        }
        PrintStream saved = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        // picocli reports a description it cannot format (a lone '%') on System.err, not through the command's writer
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String name : names) {
                Cli help = Cli.run(name, "--help");
                assertEquals(0, help.exitCode(), name + ": " + help.err());
            }
        } finally {
            System.setErr(saved);
        }
        String printed = warnings.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("picocli WARN"), printed);
    }
}
