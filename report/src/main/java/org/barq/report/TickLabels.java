package org.barq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Chooses which ticks of an axis get drawn, so that no two labels overlap: a sweep of close lambda values or
 * elapsed seconds over nine decades would otherwise print {@code 0.0000010.00001...}. The label's extent is estimated
 * from its character count, since SVG text has no metrics before a browser lays it out; {@link #CHAR_WIDTH} is
 * generous for the digits, dots and signs that tick labels hold in the report's sans-serif font.
 */
final class TickLabels {
    /** Width of one character of a tick label, in units of the font size. */
    static final double CHAR_WIDTH = 0.62;
    /** Free space kept between neighbouring labels, in pixels. */
    static final double GAP = 4;

    private TickLabels() {
    }

    /**
     * Keeps the first tick, then every tick whose label clears the last kept one; the last tick is kept too, in
     * place of the kept ticks it would collide with (the ends say what range the axis covers).
     *
     * @param ticks      the axis's ticks, in axis order
     * @param pixel      a tick value's position along the axis, in pixels, increasing with the axis order
     * @param fontSize   the labels' font size in pixels
     * @param horizontal whether labels sit side by side (x axis: width counts) or stacked (y axis: height counts)
     * @return the ticks to draw, in axis order
     */
    static List<Axis.Tick> thin(List<Axis.Tick> ticks, DoubleUnaryOperator pixel, double fontSize,
                                boolean horizontal) {
        List<Axis.Tick> kept = new ArrayList<>();
        for (Axis.Tick tick : ticks) {
            if (kept.isEmpty() || clear(kept.get(kept.size() - 1), tick, pixel, fontSize, horizontal)) {
                kept.add(tick);
            }
        }
        Axis.Tick last = ticks.isEmpty() ? null : ticks.get(ticks.size() - 1);
        if (last != null && kept.get(kept.size() - 1) != last) {
            while (kept.size() > 1 && !clear(kept.get(kept.size() - 1), last, pixel, fontSize, horizontal)) {
                kept.remove(kept.size() - 1);
            }
            if (clear(kept.get(kept.size() - 1), last, pixel, fontSize, horizontal)) {
                kept.add(last);
            }
        }
        return kept;
    }

    /** @return half the label's extent along the axis, in pixels (labels are centred on their tick) */
    static double halfExtent(Axis.Tick tick, double fontSize, boolean horizontal) {
        return horizontal ? tick.label().length() * CHAR_WIDTH * fontSize / 2 : fontSize / 2;
    }

    private static boolean clear(Axis.Tick before, Axis.Tick after, DoubleUnaryOperator pixel, double fontSize,
                                 boolean horizontal) {
        double distance = Math.abs(pixel.applyAsDouble(after.value()) - pixel.applyAsDouble(before.value()));
        return distance >= halfExtent(before, fontSize, horizontal) + halfExtent(after, fontSize, horizontal) + GAP;
    }
}
