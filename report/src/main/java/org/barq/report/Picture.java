package org.barq.report;

/**
 * A PNG of the run's {@code plots/} folder as the report shows it.
 *
 * @param caption what it shows, in words
 * @param source  what goes into {@code src}: a {@code data:image/png;base64,...} URI or the path relative to the report
 */
record Picture(String caption, String source) {
}
