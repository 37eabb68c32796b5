package org.barq.experiments.evaluation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A picture of a {@code G x G} slice below a header of text: cell {@code (row, col)} is a square of
 * {@link SlicePlots#cellSize} pixels, row 0 at the bottom so that {@code b} grows upwards.
 */
final class SliceCanvas {
    private final BufferedImage image;
    private final Graphics2D g;
    private final int grid;
    private final int cell;
    private int legendX = 6;

    SliceCanvas(int grid) {
        this.grid = grid;
        this.cell = SlicePlots.cellSize(grid);
        int side = grid * cell;
        this.image = new BufferedImage(side, side + SlicePlots.HEADER, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setColor(new Color(Palette.WHITE));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
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
        g.setColor(new Color(Palette.BLACK));
        g.drawString(text, 6, 16);
    }

    /** Adds a swatch and its label to the legend line of the header, left to right. */
    void legend(int rgb, String label) {
        g.setColor(new Color(rgb));
        g.fillRect(legendX, 26, 12, 12);
        g.setColor(new Color(Palette.BLACK));
        g.drawRect(legendX, 26, 11, 11);
        g.drawString(label, legendX + 16, 37);
        legendX += 16 + g.getFontMetrics().stringWidth(label) + 12;
    }

    /** Adds a junction mark and its label to the legend line. */
    void legendMark(boolean filled, String label) {
        g.setColor(new Color(Palette.BLACK));
        if (filled) {
            g.fillRect(legendX + 2, 28, 8, 8);
        } else {
            g.drawRect(legendX + 2, 28, 7, 7);
        }
        g.drawString(label, legendX + 16, 37);
        legendX += 16 + g.getFontMetrics().stringWidth(label) + 12;
    }

    /** Adds a colour bar of the ramp from {@code from} to {@code to} to the legend line. */
    void legendRamp(String from, String to) {
        g.setColor(new Color(Palette.BLACK));
        g.drawString(from, legendX, 37);
        legendX += g.getFontMetrics().stringWidth(from) + 4;
        for (int k = 0; k < 80; k++) {
            g.setColor(new Color(Palette.ramp(k / 79.0)));
            g.fillRect(legendX + k, 26, 1, 12);
        }
        legendX += 84;
        g.setColor(new Color(Palette.BLACK));
        g.drawString(to, legendX, 37);
        legendX += g.getFontMetrics().stringWidth(to) + 12;
    }

    int grid() {
        return grid;
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }

    private int top(int row) {
        return SlicePlots.HEADER + (grid - 1 - row) * cell;
    }
}
