package org.barq.experiments.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.report.ViewData;

/**
 * The files of one run folder ({@code OUT}).
 *
 * @param root the folder
 */
public record RunFolder(Path root) {
    /** The results file's name. */
    public static final String RESULTS = "results.jsonl";
    /** The provenance file's name. */
    public static final String PROVENANCE = "provenance.json";

    /** The files a new study replaces; {@link #supersede} moves them aside. */
    private static final List<String> STUDY_FILES = List.of(RESULTS, PROVENANCE, "config.resolved.yaml",
            Provenance.MODEL_FILE, "checkpoints", "plots", "stopping.json", "interpolation.json", "report.html",
            "summary.md", ViewData.FILE, ViewData.PAGE, InputBitsStudy.FOLDER, FeaturesStudy.FOLDER);

    /** @return {@code results.jsonl} */
    public Path results() {
        return root.resolve(RESULTS);
    }

    /** @return {@code provenance.json} */
    public Path provenance() {
        return root.resolve(PROVENANCE);
    }

    /** @return {@code config.resolved.yaml} */
    public Path resolvedConfig() {
        return root.resolve("config.resolved.yaml");
    }

    /** @return {@code model.safetensors} */
    public Path model() {
        return root.resolve(Provenance.MODEL_FILE);
    }

    /** @return {@code checkpoints/} */
    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** @return {@code plots/} */
    public Path plots() {
        return root.resolve("plots");
    }

    /** @return {@code stopping.json} */
    public Path stopping() {
        return root.resolve("stopping.json");
    }

    /** @return {@code interpolation.json} */
    public Path interpolation() {
        return root.resolve("interpolation.json");
    }

    /** @return true when the folder holds a results file with at least one byte */
    boolean hasResults() {
        try {
            return Files.exists(results()) && Files.size(results()) > 0;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + results() + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * Moves an earlier study's files into {@code superseded-<local time>/}, so that nothing is deleted, and says so.
     *
     * @param console where the move is said
     */
    void supersede(PrintWriter console) {
        Path aside = supersede();
        if (aside != null) {
            console.printf("moved the earlier study in %s to %s%n", root, aside);
        }
    }

    /**
     * Moves an earlier study's files into {@code superseded-<local time>/}, so that nothing is deleted.
     *
     * @return the folder they went to, or null when there was nothing to move
     */
    private Path supersede() {
        List<Path> present = new ArrayList<>();
        for (String name : STUDY_FILES) {
            if (Files.exists(root.resolve(name))) {
                present.add(root.resolve(name));
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = root.resolve("superseded-" + stamp);
        try {
            for (int k = 2; Files.exists(aside); k++) {
                aside = root.resolve("superseded-" + stamp + "-" + k);
            }
            Files.createDirectories(aside);
            for (Path p : present) {
                Files.move(p, aside.resolve(p.getFileName()));
            }
            return aside;
        } catch (IOException e) {
            throw new InvalidInputException("cannot move the earlier study in " + root + " aside: " + e.getMessage()
                    + ". Maybe choose another --out?", e);
        }
    }
}
