package org.barq.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, recorded with every measurement because other work on the machine skews timings. */
public final class LoadAverage {
    private static final Path PROC = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** @return the 1-minute load average as {@code /proc/loadavg} gives it, or {@code ?} where there is none */
    public static String oneMinute() {
        String all = all();
        return all.equals("?") ? all : all.split(" ")[0];
    }

    /** @return the 1, 5 and 15-minute load averages, e.g. {@code 2.31 2.80 3.10}, or {@code ?} */
    public static String all() {
        try {
            String[] parts = Files.readString(PROC).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
