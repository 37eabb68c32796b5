package org.barq.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Loads the run's PNGs for the report: embedded as data URIs (so the page stands alone) while the pictures stay
 * small, else linked by their path relative to the report.
 */
final class PictureLoader {
    /** A picture larger than this is linked, not embedded. */
    static final long MAX_EMBEDDED_BYTES = 1L << 20;
    /** Once the embedded pictures reach this total, the rest are linked. */
    static final long MAX_EMBEDDED_TOTAL = 24L << 20;

    private final Path outDir;
    private final List<String> notes;
    private long embedded;

    /**
     * @param outDir the run's output folder
     * @param notes  receives a line for each picture that could not be read
     */
    PictureLoader(Path outDir, List<String> notes) {
        this.outDir = outDir;
        this.notes = notes;
    }

    /**
     * @param relative the file's path from the output folder, as the run's manifests list it
     * @param caption  what it shows
     * @return the picture; empty, with a note, when the file is missing
     */
    Optional<Picture> load(String relative, String caption) {
        Path file = outDir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            notes.add("the picture " + relative + " is listed but missing; it is left out");
            return Optional.empty();
        }
        String source = relative.replace('\\', '/').replace(" ", "%20");
        try {
            long size = Files.size(file);
            if (size <= MAX_EMBEDDED_BYTES && embedded + size <= MAX_EMBEDDED_TOTAL) {
                source = "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
                embedded += size;
            }
        } catch (IOException e) {
            notes.add("could not read " + relative + ": " + e.getMessage() + "; it is linked instead");
        }
        return Optional.of(new Picture(caption, source));
    }

    /** @return whether every file listed holds the same bytes (false when one cannot be read) */
    boolean identical(List<String> relatives) {
        try {
            for (String other : relatives.subList(Math.min(1, relatives.size()), relatives.size())) {
                if (Files.mismatch(outDir.resolve(relatives.get(0)), outDir.resolve(other)) != -1) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
