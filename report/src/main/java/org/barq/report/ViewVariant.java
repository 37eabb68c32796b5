package org.barq.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.evaluation.SampleOutcomes;
import org.barq.evaluation.slice.Slice;

/**
 * One rounded model the viewer shows, with the slices of the path from it to the next wider one.
 *
 * @param id       the variant's id in the run (or the checkpoint's file name)
 * @param solver   the solver's label, what the page's solver menu lists
 * @param bits     the bit width
 * @param metrics  headline metrics on the viewer's set, keys as {@code GeometryReport.toJson()} (missing ones are
 *                 shown as "-")
 * @param slice    the model's slice of the viewer's plane
 * @param outcomes the model's predictions and margins on the viewer's samples
 * @param toward   the slices of {@code W(t)} towards the next wider width at the interior positions of
 *                 {@link ViewData#positions()}; empty for the widest model
 */
public record ViewVariant(String id, String solver, int bits, Map<String, Double> metrics, Slice slice,
                          SampleOutcomes outcomes, List<Slice> toward) {
    /** The metrics the side panel shows, in its order. */
    public static final List<String> METRICS = List.of("accuracy_float", "accuracy_rounded", "flip_rate",
            "band_flip_rate", "pair_order_flip", "boundary_jaccard", "grid_change", "junctions_float",
            "junctions_rounded");

    /** Copies the collections. */
    public ViewVariant {
        metrics = new LinkedHashMap<>(metrics);
        toward = List.copyOf(toward);
    }

    /** @return a fresh ordered copy of the metrics */
    @Override
    public Map<String, Double> metrics() {
        return new LinkedHashMap<>(metrics);
    }
}
