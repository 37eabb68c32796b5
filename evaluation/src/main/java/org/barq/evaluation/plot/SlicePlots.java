package org.barq.evaluation.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.evaluation.GeometryEvaluation;
import org.barq.evaluation.interpolation.InterpolationResult;
import org.barq.evaluation.slice.Slice;

/**
 * PNG pictures of the slices (headless AWT), written atomically. Each picture is the {@code G x G} grid, cell
 * {@code (row, col)} a square of {@link #cellSize} pixels with row 0 at the bottom ({@code b} grows upwards,
 * {@code a} to the right), below a band with a title and a legend in text large enough to read at half size.
 */
public final class SlicePlots {
    /** File name of the float model's slice. */
    public static final String FLOAT_SLICE = "slice_float.png";
    /** File name of the rounded model's slice. */
    public static final String ROUNDED_SLICE = "slice_rounded.png";
    /** File name of the boundary overlay. */
    public static final String OVERLAY = "boundary_overlay.png";
    /** File name of the slice at {@code t = 0} of an interpolation. */
    public static final String LOW_SLICE = "interpolation_low.png";
    /** File name of the slice at {@code t = 1} of an interpolation. */
    public static final String HIGH_SLICE = "interpolation_high.png";
    /** File name of the first-change picture of an interpolation. */
    public static final String FIRST_CHANGE = "interpolation_first_change.png";

    private static final int TARGET_SIDE = 600;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SlicePlots() {
    }

    /** @return the side of a cell in pixels: about 600 px for the whole grid, at least 1 */
    public static int cellSize(int grid) {
        return Math.max(1, (int) Math.round((double) TARGET_SIDE / grid));
    }

    /**
     * Writes the float slice, the rounded slice (class colours, boundary cells dark, triple junctions as black
     * squares) and the overlay of the two boundary masks ({@link Palette#FLOAT_ONLY}, {@link Palette#ROUNDED_ONLY},
     * {@link Palette#BOTH} on white).
     *
     * @param dir        the folder, created when missing
     * @param prefix     put before each file name, e.g. {@code "test_"}; may be empty
     * @param evaluation the evaluation whose slices to draw
     * @return the files written: {@code prefix + FLOAT_SLICE}, {@code prefix + ROUNDED_SLICE}, {@code prefix + OVERLAY}
     */
    public static List<Path> write(Path dir, String prefix, GeometryEvaluation evaluation) {
        return write(dir, prefix, evaluation.floatSlice(), evaluation.roundedSlice());
    }

    /**
     * The same pictures from the two slices alone, for a caller that needs no other metric.
     *
     * @param dir          the folder, created when missing
     * @param prefix       put before each file name; may be empty
     * @param floatSlice   the float model's slice
     * @param roundedSlice the rounded model's slice of the same plane
     * @return the files written, as {@link #write(Path, String, GeometryEvaluation)}'s
     */
    public static List<Path> write(Path dir, String prefix, Slice floatSlice, Slice roundedSlice) {
        List<Path> files = new ArrayList<>();
        files.add(png(dir.resolve(prefix + FLOAT_SLICE), slice(floatSlice, "float model")));
        files.add(png(dir.resolve(prefix + ROUNDED_SLICE), slice(roundedSlice, "rounded model")));
        files.add(png(dir.resolve(prefix + OVERLAY), overlay(floatSlice, roundedSlice,
                floatSlice.boundaryJaccard(roundedSlice))));
        return files;
    }

    /**
     * Writes both end slices of an interpolation and the picture of where the boundary moved: each changed cell
     * coloured by its first {@code t} of change (viridis ramp), unchanged cells of the {@code t = 0} boundary grey,
     * junctions of {@code t = 0} as filled and of {@code t = 1} as hollow black squares.
     *
     * @param dir    the folder, created when missing
     * @param prefix put before each file name; may be empty
     * @param result the interpolation
     * @return the files written: {@code prefix + LOW_SLICE}, {@code prefix + HIGH_SLICE}, {@code prefix + FIRST_CHANGE}
     */
    public static List<Path> write(Path dir, String prefix, InterpolationResult result) {
        List<Path> files = new ArrayList<>();
        files.add(png(dir.resolve(prefix + LOW_SLICE), slice(result.low(), "interpolation t = 0")));
        files.add(png(dir.resolve(prefix + HIGH_SLICE), slice(result.high(), "interpolation t = 1")));
        files.add(png(dir.resolve(prefix + FIRST_CHANGE), firstChange(result)));
        return files;
    }

    private static BufferedImage slice(Slice slice, String name) {
        SliceCanvas canvas = new SliceCanvas(slice.grid());
        int g = slice.grid();
        boolean[] boundary = slice.boundaryMask();
        int maxLabel = 0;
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                int label = slice.label(row, col);
                maxLabel = Math.max(maxLabel, label);
                int colour = Palette.classColour(label);
                canvas.fillCell(row, col, boundary[row * g + col] ? Palette.dark(colour) : colour);
            }
        }
        markJunctions(canvas, slice.junctionBlocks(), true);
        canvas.title(name + ": slice labels, boundary cells dark, " + slice.junctionCount() + " triple junctions");
        for (int c = 0; c <= maxLabel && c < 10; c++) {
            canvas.legend(Palette.classColour(c), Integer.toString(c));
        }
        canvas.legendMark(true, "junction");
        return canvas.finish();
    }

    private static BufferedImage overlay(Slice floatSlice, Slice roundedSlice, double jaccard) {
        SliceCanvas canvas = new SliceCanvas(floatSlice.grid());
        int g = floatSlice.grid();
        boolean[] m = floatSlice.boundaryMask();
        boolean[] mq = roundedSlice.boundaryMask();
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                int cell = row * g + col;
                if (m[cell] && mq[cell]) {
                    canvas.fillCell(row, col, Palette.BOTH);
                } else if (m[cell]) {
                    canvas.fillCell(row, col, Palette.FLOAT_ONLY);
                } else if (mq[cell]) {
                    canvas.fillCell(row, col, Palette.ROUNDED_ONLY);
                }
            }
        }
        canvas.title(String.format(Locale.ROOT, "boundary masks, slice-boundary Jaccard %.3f", jaccard));
        canvas.legend(Palette.FLOAT_ONLY, "float only");
        canvas.legend(Palette.ROUNDED_ONLY, "rounded only");
        canvas.legend(Palette.BOTH, "both");
        return canvas.finish();
    }

    private static BufferedImage firstChange(InterpolationResult result) {
        Slice low = result.low();
        int g = low.grid();
        SliceCanvas canvas = new SliceCanvas(g);
        boolean[] boundary = low.boundaryMask();
        double[] first = result.firstChange();
        for (int row = 0; row < g; row++) {
            for (int col = 0; col < g; col++) {
                int cell = row * g + col;
                if (!Double.isNaN(first[cell])) {
                    canvas.fillCell(row, col, Palette.ramp(first[cell]));
                } else if (boundary[cell]) {
                    canvas.fillCell(row, col, Palette.UNCHANGED_BOUNDARY);
                }
            }
        }
        markJunctions(canvas, low.junctionBlocks(), true);
        markJunctions(canvas, result.high().junctionBlocks(), false);
        canvas.title(String.format(Locale.ROOT, "first t of change: %d cells changed, %d reconfigured junctions",
                result.report().changedCells(), result.report().reconfigured().blocks()));
        canvas.legendRamp("t = 0", "1");
        canvas.legend(Palette.UNCHANGED_BOUNDARY, "boundary t = 0");
        canvas.legendMark(true, "junction t = 0");
        canvas.legendMark(false, "junction t = 1");
        return canvas.finish();
    }

    private static void markJunctions(SliceCanvas canvas, boolean[] blocks, boolean filled) {
        int side = canvas.grid() - 1;
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                if (blocks[row * side + col]) {
                    canvas.markBlock(row, col, filled);
                }
            }
        }
    }

    private static Path png(Path file, BufferedImage image) {
        return AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer in this Java runtime");
            }
        });
    }
}
