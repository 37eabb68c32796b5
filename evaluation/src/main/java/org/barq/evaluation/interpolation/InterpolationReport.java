package org.barq.evaluation.interpolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the interpolation between two adjacent rounding levels did to the slice (FORMULATION §5, §8).
 *
 * @param steps                    {@code T}: positions {@code t = 0, 1/T, ..., 1}
 * @param grid                     {@code G}
 * @param changedCells             cells whose label changed at some step (relative to the previous step)
 * @param junctionsLow             triple-junction blocks at {@code t = 0}
 * @param junctionsHigh            triple-junction blocks at {@code t = 1}
 * @param reconfigured             the reconfigured junctions and the changed cells inside them
 * @param firstChangesPerStep      entry {@code k - 1}: cells whose first change is at {@code t = k / T}, {@code k = 1..T}
 */
public record InterpolationReport(int steps, int grid, int changedCells, int junctionsLow, int junctionsHigh,
                                  ReconfiguredJunctions reconfigured, List<Integer> firstChangesPerStep) {

    /** Copies the list. */
    public InterpolationReport {
        firstChangesPerStep = List.copyOf(firstChangesPerStep);
    }

    /**
     * The report as JSON, keys in this order: {@code steps, slice_grid, changed_cells, changed_fraction,
     * junctions_low, junctions_high, reconfigured_junctions, changed_cells_in_reconfigured_junctions,
     * first_changes_per_step} (a list of {@code T} counts, entry {@code k-1} for {@code t = k/T}).
     *
     * @return a fresh ordered map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", steps);
        json.put("slice_grid", grid);
        json.put("changed_cells", changedCells);
        json.put("changed_fraction", (double) changedCells / ((long) grid * grid));
        json.put("junctions_low", junctionsLow);
        json.put("junctions_high", junctionsHigh);
        json.put("reconfigured_junctions", reconfigured.blocks());
        json.put("changed_cells_in_reconfigured_junctions", reconfigured.changedCells());
        json.put("first_changes_per_step", firstChangesPerStep);
        return json;
    }
}
