package org.barq.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ./barq} as a separate process, as a user would, and measures its wall time (start-up included) and its
 * peak resident memory: {@code /usr/bin/time -v} reports the process's maximum resident set size (the launcher
 * {@code exec}s the JVM, so that is the JVM's).
 */
final class ProcessTimings {
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private final Path root;
    private final Path work;

    /**
     * @param root the repository root, holding {@code barq}
     * @param work a folder for outputs and logs
     */
    ProcessTimings(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    /** One run: wall seconds and peak resident memory in MiB (NaN when {@code /usr/bin/time} is missing). */
    record Run(double seconds, double peakMib) {
    }

    /** @return whether peak memory can be measured here */
    static boolean canMeasureMemory() {
        return Files.isExecutable(TIME);
    }

    /**
     * @param arguments   the arguments after {@code ./barq}
     * @param environment variables to set for the process; an empty value removes the variable
     * @param repeats     runs, at least 1
     * @return every run
     * @throws IllegalStateException if a run fails, naming its log
     */
    List<Run> run(List<String> arguments, Map<String, String> environment, int repeats) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            runs.add(once(arguments, environment));
        }
        return runs;
    }

    private Run once(List<String> arguments, Map<String, String> environment) {
        try {
            Files.createDirectories(work);
            Path log = work.resolve("barq-process.log");
            Path memory = work.resolve("barq-process.time");
            Files.deleteIfExists(memory);
            List<String> command = new ArrayList<>();
            if (canMeasureMemory()) {
                command.addAll(List.of(TIME.toString(), "-v", "-o", memory.toString()));
            }
            command.add(root.resolve("barq").toString());
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            environment.forEach((key, value) -> {
                if (value.isEmpty()) {
                    builder.environment().remove(key);
                } else {
                    builder.environment().put(key, value);
                }
            });
            long start = System.nanoTime();
            int status = builder.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (status != 0) {
                throw new IllegalStateException("./barq " + String.join(" ", arguments) + " exited with " + status
                        + "; see " + log);
            }
            return new Run(seconds, peakMib(memory));
        } catch (IOException e) {
            throw new IllegalStateException("could not run ./barq: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ./barq ran", e);
        }
    }

    private static double peakMib(Path memory) throws IOException {
        if (!Files.isRegularFile(memory)) {
            return Double.NaN;
        }
        Matcher m = MAX_RSS.matcher(Files.readString(memory));
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    }
}
