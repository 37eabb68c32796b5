package org.barq.report;

import java.util.List;
import java.util.Locale;

/**
 * How a chart draws one series. The palette has {@link #PALETTE}'s size of colours and a study may have more methods
 * (digits has nine), so each wrap-around of the palette also changes the line's dash pattern and the markers' shape:
 * the ninth series is the first one's colour, dotted, with squares.
 *
 * @param colour the stroke and fill colour
 * @param dash   the {@code stroke-dasharray}, "" for a solid line
 * @param shape  the markers' shape
 */
record SeriesStyle(String colour, String dash, Shape shape) {
    /** Colour-blind-safe colours (Okabe and Ito), picked by a series' index so a method keeps its colour. */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000", "#999999");
    /** The dash pattern of each wrap-around of the palette; none of them is {@link #REFERENCE_DASH}. */
    private static final List<String> DASHES = List.of("", "2 3", "8 3 2 3", "1 5");
    /** A reference line's dash, such as the float model's: it says what the line is, whatever the wrap-around. */
    static final String REFERENCE_DASH = "6 4";
    /** Half a marker's width in pixels. */
    private static final double SIZE = 3.2;

    /** A marker's shape, one per wrap-around of the palette. */
    enum Shape { CIRCLE, SQUARE, TRIANGLE, DIAMOND }

    /**
     * @param index     the series' index (a method's position in the run, say); any int, taken modulo
     * @param reference drawn dashed as a reference line rather than a measured series
     * @return its style
     */
    static SeriesStyle of(int index, boolean reference) {
        int round = Math.floorMod(Math.floorDiv(index, PALETTE.size()), DASHES.size());
        return new SeriesStyle(PALETTE.get(Math.floorMod(index, PALETTE.size())),
                reference ? REFERENCE_DASH : DASHES.get(round), Shape.values()[round]);
    }

    /** @return the stroke attribute of the dash pattern, with its leading space; empty for a solid line */
    String dashAttribute() {
        return dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
    }

    /**
     * @param x       the centre, in pixels
     * @param y       the centre, in pixels
     * @param tooltip the marker's {@code <title>}, escaped here; null for none
     * @return the marker's SVG element
     */
    String marker(double x, double y, String tooltip) {
        String title = tooltip == null ? "" : "<title>" + Html.escape(tooltip) + "</title>";
        String fill = " fill=\"" + colour + "\">" + title;
        return switch (shape) {
            case CIRCLE -> String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"%s</circle>\n", x, y,
                    SIZE, fill);
            case SQUARE -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"%s"
                    + "</rect>\n", x - SIZE, y - SIZE, 2 * SIZE, 2 * SIZE, fill);
            case TRIANGLE -> polygon(fill, x, y - 1.2 * SIZE, x + 1.2 * SIZE, y + SIZE, x - 1.2 * SIZE, y + SIZE);
            case DIAMOND -> polygon(fill, x, y - 1.3 * SIZE, x + 1.3 * SIZE, y, x, y + 1.3 * SIZE, x - 1.3 * SIZE, y);
        };
    }

    private static String polygon(String fill, double... xy) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", xy[i], xy[i + 1]));
        }
        return "<polygon points=\"" + points + "\"" + fill + "</polygon>\n";
    }
}
