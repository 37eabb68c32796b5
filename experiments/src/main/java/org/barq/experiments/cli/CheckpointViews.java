package org.barq.experiments.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.slice.Slice;
import org.barq.report.ViewData;
import org.barq.report.ViewPage;
import org.barq.report.ViewSamples;
import org.barq.report.ViewVariant;

/** The boundary viewer of {@code evaluate --view} and {@code interpolate --view}: rounded checkpoints on one set. */
final class CheckpointViews {
    private CheckpointViews() {
    }

    /**
     * @param file       the rounded checkpoint's file, whose name is the variant's id
     * @param solver     the label the page's solver menu lists it under
     * @param checkpoint the rounded checkpoint
     * @param reference  the float model on the set
     * @param metrics    the headline metrics, keys as {@code GeometryReport.toJson()}
     * @param toward     the slices towards the next wider model at the page's interior positions, or none
     * @return the variant as the page shows it: the deployed model (with its correction, if it stores one)
     */
    static ViewVariant variant(Path file, String solver, LoadedCheckpoint checkpoint, GeometryEvaluator.Reference reference,
                               Map<String, Object> metrics, List<Slice> toward) {
        Map<String, Double> shown = new LinkedHashMap<>();
        for (String key : ViewVariant.METRICS) {
            shown.put(key, metrics.get(key) instanceof Number n ? n.doubleValue() : Double.NaN);
        }
        return new ViewVariant(file.getFileName().toString(), solver, checkpoint.rounded().orElseThrow().bits(),
                shown, reference.sliceOf(checkpoint.network(), checkpoint.correction()),
                reference.outcomesOf(checkpoint.network(), checkpoint.correction()), toward);
    }

    /** @return the solver a rounded checkpoint names in its metadata, or "rounded" */
    static String solver(LoadedCheckpoint checkpoint) {
        return checkpoint.metadata().getOrDefault(Checkpoints.SOLVER, "rounded");
    }

    /**
     * Writes the page.
     *
     * @param html      where
     * @param title     the page's heading
     * @param reference the float model on the set
     * @param positions the interpolation positions
     * @param variants  the rounded models
     * @return the page
     */
    static Path write(Path html, String title, GeometryEvaluator.Reference reference, List<Double> positions,
                      List<ViewVariant> variants) {
        int g = reference.plane().grid();
        double[] coordinates = reference.plane().coordinates();
        String about = reference.set().name() + " (" + reference.set().size() + " samples); PCA slice " + g + " x "
                + g + ", a, b in [" + coordinates[0] + ", " + coordinates[g - 1] + "].";
        ViewData data = new ViewData(title, about, reference.set().classes(), reference.slice(),
                ViewSamples.of(reference), positions, variants);
        return ViewPage.write(data, html);
    }
}
