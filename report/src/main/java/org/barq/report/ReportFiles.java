package org.barq.report;

import java.nio.file.Path;

/**
 * The files {@link ReportWriter#write(Path)} wrote.
 *
 * @param html    {@code report.html}
 * @param summary {@code summary.md}
 */
public record ReportFiles(Path html, Path summary) {
}
