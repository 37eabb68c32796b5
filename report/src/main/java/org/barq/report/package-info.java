/**
 * The run report (issue 6): reads the files a {@code barq run} leaves in its output folder and writes
 * {@code report.html} (self-contained, opens offline, charts as inline SVG) and {@code summary.md}. Entry point:
 * {@link org.barq.report.ReportWriter#write(java.nio.file.Path)}; every file name and JSON key read is in
 * {@link org.barq.report.ReportKeys}.
 */
package org.barq.report;
