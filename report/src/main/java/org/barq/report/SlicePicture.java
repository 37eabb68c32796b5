package org.barq.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A PNG of the run's {@code plots/} folder as the report shows it: embedded as a data URI (so the page stands alone)
 * while the pictures stay small, else linked by its path relative to the report.
 *
 * @param relative its path from the output folder, with forward slashes
 * @param caption  its name made readable: folders and file name without extension, separators as spaces
 * @param source   what goes into {@code src}: a {@code data:image/png;base64,...} URI or the relative path
 */
record SlicePicture(String relative, String caption, String source) {
    /** A picture larger than this is linked, not embedded. */
    static final long MAX_EMBEDDED_BYTES = 1L << 20;
    /** Once the embedded pictures reach this total, the rest are linked. */
    static final long MAX_EMBEDDED_TOTAL = 24L << 20;

    /**
     * @param outDir the run's output folder
     * @param notes  receives a line for each folder or file that could not be read
     * @return the PNG files under {@code outDir/plots}, recursively, sorted by path; empty when the folder is missing
     */
    static List<SlicePicture> find(Path outDir, List<String> notes) {
        Path plots = outDir.resolve(ReportKeys.PLOTS_DIR);
        List<SlicePicture> pictures = new ArrayList<>();
        if (!Files.isDirectory(plots)) {
            return pictures;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(plots)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            notes.add("could not list " + plots + ": " + e.getMessage());
            return pictures;
        }
        long embedded = 0;
        for (Path file : files) {
            String relative = outDir.relativize(file).toString().replace('\\', '/');
            String source = relative.replace(" ", "%20");
            try {
                long size = Files.size(file);
                if (size <= MAX_EMBEDDED_BYTES && embedded + size <= MAX_EMBEDDED_TOTAL) {
                    source = "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
                    embedded += size;
                }
            } catch (IOException e) {
                notes.add("could not read " + file + ": " + e.getMessage() + "; it is linked instead");
            }
            pictures.add(new SlicePicture(relative, caption(plots.relativize(file)), source));
        }
        return pictures;
    }

    private static String caption(Path relativeToPlots) {
        String path = relativeToPlots.toString().replace('\\', '/');
        int dot = path.lastIndexOf('.');
        String stem = dot > 0 ? path.substring(0, dot) : path;
        return stem.replace("/", " / ").replace('_', ' ');
    }
}
