package org.barq.experiments.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real data sets, for the tests tagged {@link RealData#TAG} only: {@code $BARQ_DATA}, else
 * {@code -Dbarq.shared.data}, else the first {@code shared/data} holding a {@code SHA256SUMS} above the working
 * directory. A user's clone has none of them, which is why the plain test run never calls this; the opt-in run
 * ({@code mvn -B verify -Preal-data}) fails rather than skips when the folder is missing, since it was asked for.
 */
final class SharedData {
    private SharedData() {
    }

    static Path dir() {
        String env = System.getenv(DatasetResolver.DATA_ENV);
        if (env != null && !env.isBlank()) {
            return require(Path.of(env), DatasetResolver.DATA_ENV + "=" + env);
        }
        String property = System.getProperty("barq.shared.data");
        if (property != null) {
            return require(Path.of(property), "-Dbarq.shared.data=" + property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data");
            if (Files.isRegularFile(candidate.resolve("SHA256SUMS"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the real-data tests found no data folder: " + DatasetResolver.DATA_ENV
                + " is unset and no shared/data with SHA256SUMS is above " + Path.of("").toAbsolutePath()
                + ". Maybe set " + DatasetResolver.DATA_ENV + " to the folder holding mnist/ and fashion-mnist/?");
    }

    private static Path require(Path dir, String setting) {
        if (!Files.isRegularFile(dir.resolve("SHA256SUMS"))) {
            throw new IllegalStateException(setting + " holds no SHA256SUMS. Maybe point it at the shared data"
                    + " folder, whose SHA256SUMS the real-data tests check the files against?");
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
