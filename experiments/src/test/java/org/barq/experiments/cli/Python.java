package org.barq.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code python3} for the tests that check barq against another implementation. */
record Python(int exitCode, String output) {
    /** @return whether {@code python3} with numpy can be started */
    static boolean hasNumpy() {
        return run("-c", "import numpy").exitCode == 0;
    }

    /**
     * Debian's {@code python3-torch} lives in the system interpreter, which a pyenv or venv {@code python3} on the
     * path does not see; so the first of the two that imports torch runs the command.
     *
     * @param args the arguments after the interpreter
     * @return its exit code and output, or null when no interpreter here has PyTorch
     */
    static Python withTorch(String... args) {
        for (String interpreter : List.of("python3", "/usr/bin/python3")) {
            if (runWith(interpreter, "-c", "import torch, numpy").exitCode == 0) {
                return runWith(interpreter, args);
            }
        }
        return null;
    }

    /**
     * @param args the arguments after {@code python3}
     * @return its exit code and its standard output and error, merged
     */
    static Python run(String... args) {
        return runWith("python3", args);
    }

    private static Python runWith(String interpreter, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of(interpreter));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Python(-1, interpreter + " did not finish in 120 s: " + output);
            }
            return new Python(p.exitValue(), output);
        } catch (IOException e) {
            return new Python(-1, interpreter + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Python(-1, "interrupted");
        }
    }
}
