package org.barq.report;

import java.util.List;

/** Maps data values onto a chart axis and says where its ticks go. */
interface Axis {
    /**
     * @param value a data value
     * @return its position along the axis, 0 at the start and 1 at the end
     */
    double fraction(double value);

    /** @return the ticks, in axis order */
    List<Tick> ticks();

    /** @return the position (0..1) of a break drawn on the axis, or NaN when the axis is continuous */
    default double breakAt() {
        return Double.NaN;
    }

    /**
     * A labelled tick.
     *
     * @param value the data value at the tick
     * @param label its label
     */
    record Tick(double value, String label) {
    }
}
