package org.barq.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.experiments.data.DatasetResolver;

/**
 * Finds the folder of shared data sets (the one holding {@code mnist/} and {@code SHA256SUMS}) for the benchmarks,
 * which run from the repository root, from a JMH fork, or from a test's module folder.
 */
public final class SharedData {
    /** The system property that names the data folder; it wins over everything else. */
    public static final String PROPERTY = "barq.data";

    private SharedData() {
    }

    /**
     * Looks, in order, at {@code -Dbarq.data}, {@code $BARQ_DATA}, then every ancestor of the working directory for
     * {@code shared/data/SHA256SUMS} or {@code data/SHA256SUMS}.
     *
     * @return the data folder, absolute
     * @throws InvalidInputException if none of them holds the data
     */
    public static Path locate() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String environment = System.getenv(DatasetResolver.DATA_ENV);
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared").resolve("data"), dir.resolve("data")}) {
                if (Files.isRegularFile(candidate.resolve("SHA256SUMS"))) {
                    return candidate.normalize();
                }
            }
        }
        throw new InvalidInputException("no shared data folder (shared/data/SHA256SUMS) above " + start
                + ". Maybe pass -D" + PROPERTY + "=DIR or set " + DatasetResolver.DATA_ENV + "?");
    }
}
