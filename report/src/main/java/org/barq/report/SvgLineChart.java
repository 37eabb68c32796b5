package org.barq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart as inline SVG (no script, no external resource): one line per series, a linear y axis fitted to the
 * data, the x axis given. A NaN value breaks its line; points get markers with their values as tooltips when asked
 * for, and always when a series has a single point. Each series is drawn in its {@link SeriesStyle}.
 */
final class SvgLineChart {
    private static final int WIDTH = 400;
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 28;
    private static final int PLOT_HEIGHT = 200;
    /** Room under the plot for the tick labels and the x label. */
    private static final int AXIS_HEIGHT = 44;
    private static final int LEGEND_ROW = 15;
    private static final int LEGEND_COLUMNS = 2;
    private static final int LEGEND_CHARS = 27;
    /** The tick labels' font size in pixels: the report's CSS sets {@code .chart text} to it. */
    static final int TICK_FONT = 11;

    /**
     * One line.
     *
     * @param name   its legend entry
     * @param colour its index, which picks its {@link SeriesStyle}
     * @param x      x values
     * @param y      y values, as many as x
     * @param dashed drawn dashed, for a reference line rather than a measured series
     */
    record Series(String name, int colour, double[] x, double[] y, boolean dashed) {
        /** A solid line. */
        Series(String name, int colour, double[] x, double[] y) {
            this(name, colour, x, y, false);
        }

        /** Copies the arrays, which must be of one length. */
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x for " + y.length + " y");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Axis xAxis;
    private final boolean markers;
    private final Join join;
    private final List<Series> series = new ArrayList<>();
    private DoubleFunction<String> xText = x -> Numbers.significant(x, 4);

    /** How a series' points are joined. */
    enum Join {
        /** Not at all: a scatter plot (every point marked), for points whose order means nothing. */
        NONE,
        /** By straight lines. */
        LINES,
        /**
         * By steps, across then down or up: for a value that holds until the next point, such as a solver's best
         * objective so far, which a straight line would show falling between improvements.
         */
        STEPS
    }

    /**
     * @param title   shown above the plot
     * @param xLabel  under the x axis
     * @param yLabel  beside the y axis
     * @param xAxis   maps x values
     * @param markers whether to mark every point
     */
    SvgLineChart(String title, String xLabel, String yLabel, Axis xAxis, boolean markers) {
        this(title, xLabel, yLabel, xAxis, markers, Join.LINES);
    }

    /** @param join how to join a series' points */
    SvgLineChart(String title, String xLabel, String yLabel, Axis xAxis, boolean markers, Join join) {
        this.join = join;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xAxis = xAxis;
        this.markers = markers;
    }

    /** @return this chart, with one more line */
    SvgLineChart add(Series line) {
        series.add(line);
        return this;
    }

    /** @return this chart, its tooltips printing x values so (by default to 4 significant digits) */
    SvgLineChart xText(DoubleFunction<String> format) {
        xText = format;
        return this;
    }

    /** @return the {@code <svg>} element */
    String render() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                if (Double.isFinite(s.y()[i]) && Double.isFinite(s.x()[i])) {
                    lo = Math.min(lo, s.y()[i]);
                    hi = Math.max(hi, s.y()[i]);
                }
            }
        }
        int legendRows = (series.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = TOP + PLOT_HEIGHT + AXIS_HEIGHT + legendRows * LEGEND_ROW + 6;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " role=\"img\" aria-label=\"%s\">\n", WIDTH, height, WIDTH, height, Html.escape(title)));
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        svg.append(text(LEFT, 18, "start", "chart-title", title));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = PLOT_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\""
                + " stroke=\"#bbb\"/>\n", LEFT, TOP, plotWidth, plotHeight));
        if (lo > hi) {
            svg.append(text(LEFT + plotWidth / 2.0, TOP + plotHeight / 2.0, "middle", "no-data", "no data"));
            return svg.append("</svg>\n").toString();
        }
        LinearAxis yAxis = LinearAxis.covering(lo, hi);
        for (Axis.Tick tick : TickLabels.thin(yAxis.ticks(), v -> -yPixel(yAxis, v), TICK_FONT, false)) {
            double y = yPixel(yAxis, tick.value());
            svg.append(line(LEFT, y, LEFT + plotWidth, y, "#eee"));
            svg.append(text(LEFT - 6, y + 4, "end", "tick", tick.label()));
        }
        for (Axis.Tick tick : TickLabels.thin(xAxis.ticks(), this::xPixel, TICK_FONT, true)) {
            double x = xPixel(tick.value());
            svg.append(line(x, TOP + plotHeight, x, TOP + plotHeight + 5, "#666"));
            svg.append(text(x, TOP + plotHeight + 17, "middle", "tick", tick.label()));
        }
        if (!Double.isNaN(xAxis.breakAt())) {
            double x = LEFT + xAxis.breakAt() * plotWidth;
            double y = TOP + plotHeight;
            svg.append(line(x - 6, y + 5, x - 2, y - 5, "#666")).append(line(x + 2, y + 5, x + 6, y - 5, "#666"));
        }
        svg.append(text(LEFT + plotWidth / 2.0, TOP + plotHeight + 36, "middle", "axis-label", xLabel));
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-label\" text-anchor=\"middle\""
                + " transform=\"translate(13 %.1f) rotate(-90)\">%s</text>\n", TOP + plotHeight / 2.0,
                Html.escape(yLabel)));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            SeriesStyle style = SeriesStyle.of(s.colour(), s.dashed());
            if (join != Join.NONE) {
                svg.append(path(s, yAxis, style));
            }
            svg.append(points(s, yAxis, style));
            svg.append(legendEntry(k, s, style));
        }
        return svg.append("</svg>\n").toString();
    }

    private double xPixel(double value) {
        return LEFT + xAxis.fraction(value) * (WIDTH - LEFT - RIGHT);
    }

    private static double yPixel(Axis yAxis, double value) {
        return TOP + (1 - yAxis.fraction(value)) * PLOT_HEIGHT;
    }

    private String path(Series s, Axis yAxis, SeriesStyle style) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                pen = false;
                continue;
            }
            double x = xPixel(s.x()[i]);
            double y = yPixel(yAxis, s.y()[i]);
            if (!pen) {
                d.append(String.format(Locale.ROOT, " M%.1f %.1f", x, y));
            } else if (join == Join.STEPS) {
                d.append(String.format(Locale.ROOT, " H%.1f V%.1f", x, y));
            } else {
                d.append(String.format(Locale.ROOT, " L%.1f %.1f", x, y));
            }
            pen = true;
        }
        if (d.length() == 0) {
            return "";
        }
        return "<path d=\"" + d.toString().trim() + "\" fill=\"none\" stroke=\"" + style.colour()
                + "\" stroke-width=\"1.8\"" + style.dashAttribute() + "/>\n";
    }

    /** @return whether the series' points get markers: when asked for, in a scatter plot, or as a lone point */
    private boolean marked(Series s) {
        int finite = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                finite++;
            }
        }
        return markers || join == Join.NONE || finite == 1;
    }

    private String points(Series s, Axis yAxis, SeriesStyle style) {
        if (!marked(s)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                out.append(style.marker(xPixel(s.x()[i]), yPixel(yAxis, s.y()[i]), s.name() + ": x = "
                        + xText.apply(s.x()[i]) + ", y = " + Numbers.point(s.y()[i])));
            }
        }
        return out.toString();
    }

    /**
     * Legend entries fill rows of {@link #LEGEND_COLUMNS} under the x label: a swatch of the line as drawn (none in a
     * scatter plot), with the series' marker when it has markers, so that series sharing a colour differ in the legend
     * as in the plot.
     */
    private String legendEntry(int k, Series s, SeriesStyle style) {
        String name = s.name();
        double x = 10 + (k % LEGEND_COLUMNS) * (WIDTH - 10) / (double) LEGEND_COLUMNS;
        double y = TOP + PLOT_HEIGHT + AXIS_HEIGHT + 6 + LEGEND_ROW * (k / LEGEND_COLUMNS);
        String shown = name.length() > LEGEND_CHARS ? name.substring(0, LEGEND_CHARS - 1) + "…" : name;
        String swatch = join == Join.NONE ? "" : line(x, y, x + 18, y, style.colour())
                .replace("stroke-width=\"1\"", "stroke-width=\"3\"" + style.dashAttribute());
        return swatch + (marked(s) ? style.marker(x + 9, y, null) : "")
                + String.format(Locale.ROOT, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">%s<title>%s</title>"
                + "</text>\n", x + 24, y + 4, Html.escape(shown), Html.escape(name));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"1\"/>\n", x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String anchor, String cssClass, String content) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
                cssClass, x, y, anchor, Html.escape(content));
    }
}
