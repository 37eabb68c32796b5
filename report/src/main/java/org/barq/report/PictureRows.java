package org.barq.report;

import static org.barq.report.JsonValues.at;
import static org.barq.report.JsonValues.number;
import static org.barq.report.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.barq.evaluation.plot.SlicePlots;

/**
 * The run's pictures as the report lays them out: in rows, one per variant or transition, in the order of the
 * manifests' meaning rather than of file names, each with a caption in words.
 */
final class PictureRows {
    /** The slice pictures of a variant, in row order. */
    private static final List<String> SLICE_FILES = List.of(SlicePlots.FLOAT_SLICE, SlicePlots.ROUNDED_SLICE,
            SlicePlots.OVERLAY);
    /** The pictures of a transition, in row order: its low end (t = 0), its high end, then where labels change. */
    private static final List<String> INTERPOLATION_FILES = List.of(SlicePlots.LOW_SLICE, SlicePlots.HIGH_SLICE,
            SlicePlots.FIRST_CHANGE);

    private PictureRows() {
    }

    /** One variant's entry of {@code slices.json}. */
    private record Entry(String id, Optional<Variant> variant, List<String> files) {
    }

    /**
     * The variants in the study's method order, as the tables order them, each method's in run order. The float
     * model's slice is the same for every variant of a study: when the files are identical it is shown once, first.
     *
     * @param manifest the parsed {@code plots/slices.json}
     * @param results  the run's variants, which name the pictured ones
     * @param loader   loads the files
     * @return the rows
     */
    static List<List<Picture>> slices(JsonNode manifest, Results results, PictureLoader loader) {
        List<Entry> entries = new ArrayList<>();
        JsonNode listed = at(manifest, ReportKeys.SLICES);
        for (JsonNode entry : listed.isArray() ? listed : JsonValues.MAPPER.createArrayNode()) {
            String id = Optional.ofNullable(text(entry, ReportKeys.ID)).orElse("");
            entries.add(new Entry(id, results.byId(id), files(at(entry, ReportKeys.FILES))));
        }
        List<String> methods = results.methods();
        entries.sort(Comparator.comparingInt((Entry e) -> e.variant().map(v -> methods.indexOf(v.method()))
                        .orElse(Integer.MAX_VALUE))
                .thenComparingInt(e -> e.variant().map(Variant::index).orElse(Integer.MAX_VALUE)));
        List<String> floats = entries.stream().flatMap(e -> e.files().stream())
                .filter(f -> f.endsWith(SlicePlots.FLOAT_SLICE)).toList();
        boolean floatShared = floats.size() > 1 && loader.identical(floats);
        List<List<Picture>> rows = new ArrayList<>();
        if (floatShared) {
            loader.load(floats.get(0), "float model: the same for every variant below")
                    .ifPresent(p -> rows.add(List.of(p)));
        }
        for (Entry entry : entries) {
            String variant = entry.variant().map(Variant::description).orElse(entry.id());
            List<String> files = entry.files().stream()
                    .filter(f -> !(floatShared && f.endsWith(SlicePlots.FLOAT_SLICE))).toList();
            rows.add(row(files, SLICE_FILES, variant + " — ", Map.of(SlicePlots.FLOAT_SLICE, "float model",
                    SlicePlots.ROUNDED_SLICE, "rounded", SlicePlots.OVERLAY, "boundaries, float and rounded"),
                    loader));
        }
        rows.removeIf(List::isEmpty);
        return rows;
    }

    /**
     * @param transitions the interpolation reports, whose {@code plots} list their pictures
     * @param loader      loads the files
     * @return one row per transition: t = 0, t = 1, then the first change of each cell
     */
    static List<List<Picture>> interpolation(List<Transition> transitions, PictureLoader loader) {
        List<List<Picture>> rows = new ArrayList<>();
        for (Transition t : transitions) {
            JsonNode r = t.report();
            double low = number(r, ReportKeys.LOW_BITS);
            double high = number(r, ReportKeys.HIGH_BITS);
            String solver = text(r, ReportKeys.SOLVER);
            double seed = number(r, ReportKeys.SEED);
            String pair = Double.isNaN(low) || Double.isNaN(high) ? t.name()
                    : Numbers.compact(low) + " → " + Numbers.compact(high) + " bits";
            List<String> about = new ArrayList<>();
            Optional.ofNullable(solver).ifPresent(about::add);
            if (!Double.isNaN(seed)) {
                about.add("seed " + Numbers.compact(seed));
            }
            String prefix = pair + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")") + ": ";
            rows.add(row(files(at(r, ReportKeys.PLOTS)), INTERPOLATION_FILES, prefix, Map.of(
                    SlicePlots.LOW_SLICE, "t = 0" + (Double.isNaN(low) ? "" : ", the " + Numbers.compact(low)
                            + "-bit rounding"),
                    SlicePlots.HIGH_SLICE, "t = 1" + (Double.isNaN(high) ? "" : ", the " + Numbers.compact(high)
                            + "-bit rounding"),
                    SlicePlots.FIRST_CHANGE, "the t at which each cell's label first changes"), loader));
        }
        rows.removeIf(List::isEmpty);
        return rows;
    }

    /**
     * @param files  the files of one row
     * @param order  the file-name endings in row order; a file with none of them comes last
     * @param prefix the caption's start, saying whose pictures they are
     * @param words  what the picture of each ending shows; a file with none is captioned by its name
     * @param loader loads the files
     * @return the row's pictures
     */
    private static List<Picture> row(List<String> files, List<String> order, String prefix, Map<String, String> words,
                                     PictureLoader loader) {
        Function<String, Optional<String>> ending = f -> order.stream().filter(f::endsWith).findFirst();
        List<Picture> row = new ArrayList<>();
        files.stream()
                .sorted(Comparator.comparingInt(f -> ending.apply(f).map(order::indexOf).orElse(order.size())))
                .forEach(f -> loader.load(f, prefix + ending.apply(f).map(words::get)
                        .orElse(f.substring(f.lastIndexOf('/') + 1))).ifPresent(row::add));
        return row;
    }

    private static List<String> files(JsonNode list) {
        List<String> files = new ArrayList<>();
        if (!list.isArray()) {
            return files;
        }
        for (JsonNode file : list) {
            if (file.isTextual() && file.asText().toLowerCase(Locale.ROOT).endsWith(".png")) {
                files.add(file.asText());
            }
        }
        return files;
    }
}
