package org.barq.experiments.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the shared data folder ({@code /work/shared/data}, i.e. {@code ../../shared/data} from the module) by
 * walking up from the working directory, or from {@code -Dbarq.shared.data}. Tests that need it fail, never skip,
 * when it is absent.
 */
final class SharedData {
    private SharedData() {
    }

    static Path dir() {
        String property = System.getProperty("barq.shared.data");
        if (property != null) {
            return require(Path.of(property));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data");
            if (Files.isRegularFile(candidate.resolve("SHA256SUMS"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared data folder (shared/data with SHA256SUMS) was not found above "
                + Path.of("").toAbsolutePath() + "; set -Dbarq.shared.data=/path/to/shared/data");
    }

    private static Path require(Path dir) {
        if (!Files.isRegularFile(dir.resolve("SHA256SUMS"))) {
            throw new IllegalStateException("-Dbarq.shared.data=" + dir + " holds no SHA256SUMS");
        }
        return dir;
    }

    /** @return relative path (e.g. {@code digits/digits.csv.gz}) to SHA-256, from SHA256SUMS */
    static Map<String, String> sums() {
        try {
            Map<String, String> sums = new TreeMap<>();
            for (String line : Files.readAllLines(dir().resolve("SHA256SUMS"))) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2) {
                    sums.put(parts[1], parts[0]);
                }
            }
            return sums;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
