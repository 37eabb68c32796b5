package org.barq.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * Writes a run's report from the files in its output folder ({@link ReportKeys} names them): {@code report.html},
 * which opens offline, and {@code summary.md}. Every input file is optional; a section whose input is missing says
 * "Not run". Both outputs are replaced atomically, so a reader never sees half a report.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * @param outDir a run's output folder
     * @return the paths of the two files written, inside {@code outDir}
     * @throws InvalidInputException if {@code outDir} is not a folder, or a report file cannot be written
     */
    public static ReportFiles write(Path outDir) {
        if (!Files.isDirectory(outDir)) {
            throw new InvalidInputException("report folder " + outDir + " does not exist or is not a folder. Maybe"
                    + " pass the --out folder of a barq run?");
        }
        Analysis analysis = Analysis.of(RunInputs.read(outDir));
        Path html = outDir.resolve(ReportKeys.HTML_FILE);
        Path summary = outDir.resolve(ReportKeys.SUMMARY_FILE);
        boolean view = Files.exists(outDir.resolve(ViewData.PAGE));
        AtomicFiles.write(html, HtmlReport.render(analysis, view).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(summary, MarkdownSummary.render(analysis).getBytes(StandardCharsets.UTF_8));
        return new ReportFiles(html, summary);
    }
}
