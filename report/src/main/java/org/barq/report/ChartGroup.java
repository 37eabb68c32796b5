package org.barq.report;

import java.util.List;

/**
 * Charts shown side by side under one heading.
 *
 * @param heading what the charts have in common
 * @param svgs    the rendered {@code <svg>} elements
 */
record ChartGroup(String heading, List<String> svgs) {
    /** Copies the list. */
    ChartGroup {
        svgs = List.copyOf(svgs);
    }
}
