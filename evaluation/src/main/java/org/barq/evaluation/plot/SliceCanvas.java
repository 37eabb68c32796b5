package org.barq.evaluation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture of a {@code G x G} slice below a header of text: cell {@code (row, col)} is a square of
 * {@link SlicePlots#cellSize} pixels, row 0 at the bottom so that {@code b} grows upwards.
 *
 * <p>The report shows these pictures about half their size, and a standalone PNG from {@code --plots} must say
 * what it shows on its own, so the header's text is large ({@link #TITLE_FONT} and {@link #LEGEND_FONT} pixels,
 * 12 to 15 pixels on screen at half size) and wraps onto as many lines as it needs; the header's height is known
 * only when the picture is finished.
 */
final class SliceCanvas {
    /** Title font size in pixels. */
    static final int TITLE_FONT = 24;
    /** Legend font size in pixels. */
    static final int LEGEND_FONT = 22;
    private static final int MARGIN = 8;
    private static final int SWATCH = 18;

    private final BufferedImage body;
    private final Graphics2D g;
    private final int grid;
    private final int cell;
    private String title = "";
    private final List<LegendItem> legend = new ArrayList<>();

    /** One legend entry: what it draws before its label, and how wide that is. */
    private record LegendItem(int markWidth, MarkPainter mark, String label) {
    }

    /** Draws a legend entry's mark with its left edge at {@code x} and its top at {@code y}. */
    private interface MarkPainter {
        void paint(Graphics2D g, int x, int y);
    }

    SliceCanvas(int grid) {
        this.grid = grid;
        this.cell = SlicePlots.cellSize(grid);
        int side = grid * cell;
        this.body = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        this.g = body.createGraphics();
        g.setColor(new Color(Palette.WHITE));
        g.fillRect(0, 0, side, side);
    }

    void fillCell(int row, int col, int rgb) {
        g.setColor(new Color(rgb));
        g.fillRect(col * cell, top(row), cell, cell);
    }

    /** Marks the 2x2 block whose lower-left cell is {@code (row, col)} at its centre, the corner of its four cells. */
    void markBlock(int row, int col, boolean filled) {
        int side = Math.max(5, Math.min(11, cell + 2));
        int cx = (col + 1) * cell;
        int cy = top(row);
        g.setColor(new Color(Palette.BLACK));
        if (filled) {
            g.fillRect(cx - side / 2, cy - side / 2, side, side);
        } else {
            g.setStroke(new BasicStroke(1f));
            g.drawRect(cx - side / 2, cy - side / 2, side - 1, side - 1);
        }
    }

    void title(String text) {
        title = text;
    }

    /** Adds a swatch and its label to the legend. */
    void legend(int rgb, String label) {
        legend.add(new LegendItem(SWATCH, (gr, x, y) -> {
            gr.setColor(new Color(rgb));
            gr.fillRect(x, y, SWATCH, SWATCH);
            gr.setColor(new Color(Palette.BLACK));
            gr.drawRect(x, y, SWATCH - 1, SWATCH - 1);
        }, label));
    }

    /** Adds a junction mark and its label to the legend. */
    void legendMark(boolean filled, String label) {
        legend.add(new LegendItem(SWATCH, (gr, x, y) -> {
            gr.setColor(new Color(Palette.BLACK));
            if (filled) {
                gr.fillRect(x + 4, y + 4, SWATCH - 8, SWATCH - 8);
            } else {
                gr.setStroke(new BasicStroke(2f));
                gr.drawRect(x + 4, y + 4, SWATCH - 9, SWATCH - 9);
            }
        }, label));
    }

    /** Adds a colour bar of the ramp, labelled at its ends, to the legend. */
    void legendRamp(String from, String to) {
        int bar = 100;
        legend.add(new LegendItem(0, (gr, x, y) -> { }, from));
        legend.add(new LegendItem(bar, (gr, x, y) -> {
            for (int k = 0; k < bar; k++) {
                gr.setColor(new Color(Palette.ramp(k / (bar - 1.0))));
                gr.fillRect(x + k, y, 1, SWATCH);
            }
        }, to));
    }

    int grid() {
        return grid;
    }

    BufferedImage finish() {
        g.dispose();
        int width = body.getWidth();
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, TITLE_FONT);
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, LEGEND_FONT);
        List<String> titleLines = wrap(title, probe.getFontMetrics(titleFont), width - 2 * MARGIN);
        FontMetrics legendMetrics = probe.getFontMetrics(legendFont);
        int titleLine = probe.getFontMetrics(titleFont).getHeight();
        int legendLine = Math.max(legendMetrics.getHeight(), SWATCH + 4);
        probe.dispose();
        int legendLines = layOutLegend(legendMetrics, width, null, 0);
        int header = MARGIN + titleLines.size() * titleLine + legendLines * legendLine + MARGIN;

        BufferedImage image = new BufferedImage(width, header + body.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D out = image.createGraphics();
        out.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        out.setColor(new Color(Palette.WHITE));
        out.fillRect(0, 0, width, header);
        out.setColor(new Color(Palette.BLACK));
        out.setFont(titleFont);
        int y = MARGIN;
        for (String line : titleLines) {
            out.drawString(line, MARGIN, y + out.getFontMetrics().getAscent());
            y += titleLine;
        }
        out.setFont(legendFont);
        layOutLegend(out.getFontMetrics(), width, out, y);
        out.drawImage(body, 0, header, null);
        out.dispose();
        return image;
    }

    /**
     * Places the legend's entries left to right, wrapping before an entry that would cross the right edge, and
     * draws them when {@code out} is given.
     *
     * @return the number of lines used
     */
    private int layOutLegend(FontMetrics metrics, int width, Graphics2D out, int top) {
        int lineHeight = Math.max(metrics.getHeight(), SWATCH + 4);
        int x = MARGIN;
        int line = 0;
        for (LegendItem item : legend) {
            int markGap = item.markWidth() > 0 ? item.markWidth() + 6 : 0;
            int entry = markGap + metrics.stringWidth(item.label());
            if (x > MARGIN && x + entry > width - MARGIN) {
                line++;
                x = MARGIN;
            }
            if (out != null) {
                int lineTop = top + line * lineHeight;
                item.mark().paint(out, x, lineTop + (lineHeight - SWATCH) / 2);
                out.setColor(new Color(Palette.BLACK));
                out.drawString(item.label(), x + markGap,
                        lineTop + (lineHeight - metrics.getHeight()) / 2 + metrics.getAscent());
            }
            x += entry + 16;
        }
        return legend.isEmpty() ? 0 : line + 1;
    }

    /** @return the text broken at spaces into lines no wider than {@code width} (a longer word gets its own line) */
    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && metrics.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private int top(int row) {
        return (grid - 1 - row) * cell;
    }
}
