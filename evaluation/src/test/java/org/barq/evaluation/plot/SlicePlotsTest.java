package org.barq.evaluation.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.barq.api.data.Dataset;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.evaluation.EvaluationOptions;
import org.barq.evaluation.GeometryEvaluation;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.TestModels;
import org.barq.evaluation.interpolation.InterpolationResult;
import org.barq.evaluation.interpolation.Interpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlicePlotsTest {
    private static final Dataset CROSS = TestModels.cross(new int[] {0, 1, 0, 1}, 2);
    private static final EvaluationOptions GRID_4 = new EvaluationOptions(0.2, 4, 3.0, 20);
    /** Boundary x1 = 0: boundary cells in columns 1, 2. */
    private static final Mlp VERTICAL = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
    /** Boundary x1 = 1.5: boundary cells in columns 2, 3. */
    private static final Mlp MOVED = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-3, 0});

    @TempDir
    Path dir;

    /** @return the colour at the centre of cell (row, col) of a picture of a 4 x 4 slice (cells of 150 px) */
    private static int cellColour(BufferedImage image, int row, int col) {
        return image.getRGB(col * 150 + 75, header(image) + (3 - row) * 150 + 75) & 0xFFFFFF;
    }

    /** @return the height of the title and legend band: what is above the 600-pixel grid */
    private static int header(BufferedImage image) {
        return image.getHeight() - 600;
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a readable PNG");
        return image;
    }

    @Test
    void writesTheSlicesAndTheOverlayWithItsThreeMaskColours() throws IOException {
        GeometryEvaluation e = GeometryEvaluator.evaluate(Network.of(VERTICAL), Network.of(MOVED), CROSS, GRID_4);
        List<Path> files = SlicePlots.write(dir, "test_", e);
        assertEquals(List.of(dir.resolve("test_slice_float.png"), dir.resolve("test_slice_rounded.png"),
                dir.resolve("test_boundary_overlay.png")), files);
        for (Path file : files) {
            BufferedImage image = read(file);
            assertEquals(600, image.getWidth());
            assertTrue(header(image) >= SliceCanvas.TITLE_FONT + SliceCanvas.LEGEND_FONT, "a title and a legend");
        }
        BufferedImage overlay = read(files.get(2));
        for (int row = 0; row < 4; row++) {
            assertEquals(Palette.WHITE, cellColour(overlay, row, 0));
            assertEquals(Palette.FLOAT_ONLY, cellColour(overlay, row, 1));
            assertEquals(Palette.BOTH, cellColour(overlay, row, 2));
            assertEquals(Palette.ROUNDED_ONLY, cellColour(overlay, row, 3));
        }
        try (var stream = Files.list(dir)) {
            assertEquals(3, stream.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void slicePicturesShowClassesDarkBoundariesAndJunctions() throws IOException {
        Mlp three = TestModels.linear(3, 2, new float[] {1, 0, 0, 1, 0, 0}, new float[] {0, 0, 0});
        GeometryEvaluation e = GeometryEvaluator.evaluate(Network.of(three), Network.of(three), TestModels.cross(new int[] {0, 1, 2, 0}, 3),
                GRID_4);
        BufferedImage slice = read(SlicePlots.write(dir, "", e).get(0));
        // labels rows 0..3: 2 2 0 0 / 2 2 0 0 / 1 1 0 0 / 1 1 1 0; cell (0, 0) is inside, (0, 1) on the boundary
        assertEquals(Palette.classColour(2), cellColour(slice, 0, 0));
        assertEquals(Palette.dark(Palette.classColour(2)), cellColour(slice, 0, 1));
        assertEquals(Palette.classColour(0), cellColour(slice, 0, 3));
        // the junction block (1, 1) is marked at the corner its four cells share
        assertEquals(Palette.BLACK, slice.getRGB(300, header(slice) + 2 * 150) & 0xFFFFFF);
        // next to the mark, cell (1, 1) shows its own colour, darkened: it is a boundary cell
        assertEquals(Palette.dark(Palette.classColour(2)),
                slice.getRGB(150 + 20, header(slice) + 2 * 150 + 20) & 0xFFFFFF);
    }

    @Test
    void interpolationPictureColoursCellsByTheirFirstChange() throws IOException {
        Mlp high = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-1.5f, 1.5f});
        InterpolationResult r = Interpolator.run(Network.of(VERTICAL), Network.of(VERTICAL), Network.of(high), CROSS, GRID_4);
        List<Path> files = SlicePlots.write(dir, "b4_", r);
        assertEquals(dir.resolve("b4_interpolation_first_change.png"), files.get(2));
        BufferedImage picture = read(files.get(2));
        assertEquals(600, picture.getWidth());
        for (int row = 0; row < 4; row++) {
            assertEquals(Palette.ramp(0.95), cellColour(picture, row, 2));
            assertEquals(Palette.UNCHANGED_BOUNDARY, cellColour(picture, row, 1));
            assertEquals(Palette.WHITE, cellColour(picture, row, 3));
        }
        assertTrue(Palette.ramp(0.95) != Palette.ramp(0.05));
    }

    @Test
    void largeGridsAreScaledToAboutSixHundredPixels() {
        assertEquals(3, SlicePlots.cellSize(200));
        assertEquals(150, SlicePlots.cellSize(4));
        assertEquals(1, SlicePlots.cellSize(5000));
    }

    /**
     * The report shows pictures at about half size: the reported text was 12 px in the PNG, 6 on screen. The first
     * title line's glyphs (from the top of the tallest letter to the bottom of a descender) must span at least 16
     * pixels, 8 or more on screen, and the long interpolation title must wrap rather than run off the picture.
     */
    @Test
    void headerTextIsLargeEnoughToReadAtHalfSizeAndStaysInsideThePicture() throws IOException {
        Mlp high = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {-1.5f, 1.5f});
        InterpolationResult r = Interpolator.run(Network.of(VERTICAL), Network.of(VERTICAL), Network.of(high), CROSS, GRID_4);
        BufferedImage picture = read(SlicePlots.write(dir, "", r).get(2));
        int first = -1;
        int last = -1;
        for (int y = 0; y < header(picture); y++) {
            boolean dark = false;
            for (int x = 0; x < picture.getWidth() && !dark; x++) {
                dark = (picture.getRGB(x, y) & 0xFF) < 128;
            }
            if (dark && first < 0) {
                first = y;
            } else if (!dark && first >= 0) {
                last = y;
                break;
            }
        }
        assertTrue(first >= 0 && last - first >= 16, "title glyphs span rows " + first + " to " + last);
        assertTrue(header(picture) >= 2 * (last - first) + SliceCanvas.LEGEND_FONT, "the long title wraps: header "
                + header(picture));
        for (int y = 0; y < header(picture); y++) {
            assertEquals(Palette.WHITE, picture.getRGB(picture.getWidth() - 2, y) & 0xFFFFFF, "no text at the edge");
        }
    }
}
