package org.barq.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.evaluation.plot.Palette;
import org.barq.evaluation.slice.Slice;

/**
 * What the boundary viewer ({@code view.html}) shows, in the form it embeds ({@code view-data.json}): the float
 * model's slice, every shown rounded model's slice and the slices between adjacent widths, each as run-length label
 * grids with the boundary and triple-junction masks that {@code SliceMasks} computed, plus the set's samples on the
 * plane. The page draws these and derives no geometry of its own.
 *
 * @param title      the page's heading
 * @param about      one line under it: set, grid, which variants
 * @param classes    {@code K}
 * @param floatSlice the float model's slice
 * @param samples    the set's samples, of which the first {@link #MAX_SAMPLES} are drawn
 * @param positions  the values of {@code t} of the interpolation slider: 0 first, 1 last, increasing
 * @param variants   the rounded models, in the order of the page's menus
 */
public record ViewData(String title, String about, int classes, Slice floatSlice, ViewSamples samples,
                       List<Double> positions, List<ViewVariant> variants) {
    /** The data file's name in a run folder. */
    public static final String FILE = "view-data.json";
    /** The page's name in a run folder. */
    public static final String PAGE = "view.html";
    /** The version the page's script reads; {@link ViewPage} refuses another. */
    static final String FORMAT = "barq-view 1";
    /** Samples drawn at most (the first ones of the set): enough to see the classes, small enough for the page. */
    public static final int MAX_SAMPLES = 1000;
    /** The interpolation positions a study shows, as a compact page allows (FORMULATION §5 samples 21). */
    public static final List<Double> QUARTERS = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** Validates the shapes; copies the lists. */
    public ViewData {
        positions = List.copyOf(positions);
        variants = List.copyOf(variants);
        if (positions.size() < 2 || positions.get(0) != 0.0 || positions.get(positions.size() - 1) != 1.0) {
            throw new InvalidInputException("viewer positions " + positions + " must run from 0 to 1. Maybe"
                    + " [0, 0.25, 0.5, 0.75, 1]?");
        }
        for (int k = 1; k < positions.size(); k++) {
            if (!(positions.get(k) > positions.get(k - 1))) {
                throw new InvalidInputException("viewer positions " + positions + " must increase.");
            }
        }
        if (variants.isEmpty()) {
            throw new InvalidInputException("the viewer has no rounded model to show. Maybe the study has no"
                    + " reconstruction variant of its first seed?");
        }
        if (classes < 1 || classes > 256) {
            throw new InvalidInputException("the viewer shows 1 to 256 classes, the model has " + classes + ".");
        }
        for (ViewVariant v : variants) {
            requireSameGrid(floatSlice, v.slice(), v.id());
            for (Slice s : v.toward()) {
                requireSameGrid(floatSlice, s, v.id());
            }
            if (!v.toward().isEmpty() && v.toward().size() != positions.size() - 2) {
                throw new InvalidInputException("variant " + v.id() + " has " + v.toward().size() + " interpolated"
                        + " slices for " + (positions.size() - 2) + " interior positions.");
            }
            if (v.outcomes().predicted().length != samples.size()) {
                throw new InvalidInputException("variant " + v.id() + " has outcomes of "
                        + v.outcomes().predicted().length + " samples, the viewer's set has " + samples.size() + ".");
            }
        }
    }

    private static void requireSameGrid(Slice reference, Slice other, String id) {
        if (other.grid() != reference.grid()) {
            throw new InvalidInputException("variant " + id + " has a " + other.grid() + " x " + other.grid()
                    + " slice but the float model's is " + reference.grid() + " x " + reference.grid() + ".");
        }
    }

    /**
     * Writes {@code view-data.json}, compact, atomically.
     *
     * @param file where
     * @return the file
     */
    public Path write(Path file) {
        return AtomicFiles.write(file, text().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the JSON text, compact, keys in a fixed order */
    String text() {
        try {
            return COMPACT.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the viewer's data: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("title", title);
        json.put("about", about);
        json.put("grid", floatSlice.grid());
        double[] coordinates = floatSlice.plane().coordinates();
        json.put("range", coordinates[coordinates.length - 1]);
        List<String> colours = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            colours.add(hex(Palette.classColour(c)));
        }
        json.put("colours", colours);
        json.put("positions", positions);
        json.put("float", grid(floatSlice));
        json.put("samples", samplesJson());
        List<Object> shown = new ArrayList<>();
        for (ViewVariant v : variants) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", v.id());
            entry.put("solver", v.solver());
            entry.put("bits", v.bits());
            Map<String, Object> metrics = new LinkedHashMap<>();
            Map<String, Double> given = v.metrics();
            for (String key : ViewVariant.METRICS) {
                Double x = given.get(key);
                metrics.put(key, x != null && Double.isFinite(x) ? x : null);
            }
            entry.put("metrics", metrics);
            entry.put("slice", grid(v.slice()));
            entry.put("predicted", firstInts(v.outcomes().predicted()));
            entry.put("margin", rounded(v.outcomes().margin()));
            List<Object> toward = new ArrayList<>();
            for (Slice s : v.toward()) {
                toward.add(grid(s));
            }
            entry.put("toward", toward);
            shown.add(entry);
        }
        json.put("variants", shown);
        return json;
    }

    /** A slice as the page reads it; its counts against the float slice come from {@link Slice}, not the page. */
    private Map<String, Object> grid(Slice slice) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("labels", RunLengths.encode(slice.labels()));
        g.put("boundary", RunLengths.encode(slice.boundaryMask()));
        g.put("junctions", RunLengths.encode(slice.junctionBlocks()));
        g.put("junction_count", slice.junctionCount());
        g.put("grid_change", floatSlice.changedFraction(slice));
        g.put("boundary_jaccard", floatSlice.boundaryJaccard(slice));
        return g;
    }

    private Map<String, Object> samplesJson() {
        int m = Math.min(MAX_SAMPLES, samples.size());
        double[] ab = samples.ab();
        List<Double> a = new ArrayList<>(m);
        List<Double> b = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            a.add(round(ab[2 * i], 1e3));
            b.add(round(ab[2 * i + 1], 1e3));
        }
        boolean[] band = samples.band();
        List<Integer> inBand = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            inBand.add(band[i] ? 1 : 0);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shown", m);
        json.put("of", samples.size());
        json.put("a", a);
        json.put("b", b);
        json.put("label", firstInts(samples.labels()));
        json.put("band", inBand);
        json.put("predicted", firstInts(samples.outcomes().predicted()));
        json.put("margin", rounded(samples.outcomes().margin()));
        return json;
    }

    private static List<Integer> firstInts(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_SAMPLES, values.length); i++) {
            out.add(values[i]);
        }
        return out;
    }

    /** Margins to 4 decimals: what a hover shows, at a third of the page's bytes of full doubles. */
    private static List<Double> rounded(double[] values) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_SAMPLES, values.length); i++) {
            out.add(round(values[i], 1e4));
        }
        return out;
    }

    private static double round(double x, double scale) {
        return Math.round(x * scale) / scale;
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }
}
