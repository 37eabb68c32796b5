package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.api.model.Network;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.interpolation.Interpolator;
import org.barq.evaluation.slice.Slice;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.report.ViewData;
import org.barq.report.ViewPage;
import org.barq.report.ViewSamples;
import org.barq.report.ViewVariant;

/**
 * The boundary viewer of a study ({@code view-data.json} and {@code view.html}), on the test split's PCA slice: for
 * the first seed, each solver's plain rounding ({@code lambda = 0}, no correction) at every bit width, and between
 * each width {@code b} and {@code b + 1} the slices of {@code W(t)} at {@link ViewData#QUARTERS}.
 */
final class StudyView {
    private StudyView() {
    }

    /**
     * @param config   the study
     * @param variants its variants
     * @return the variants the viewer shows, solver by solver, widths increasing; none when pictures are off
     */
    static List<Variant> needed(StudyConfig config, List<Variant> variants) {
        List<Variant> needed = new ArrayList<>();
        if (!config.outputs().plots()) {
            return needed;
        }
        long seed = config.seeds().get(0);
        List<Integer> widths = config.bits().stream().sorted().toList();
        for (SolverConfig solver : config.solvers()) {
            for (int bits : widths) {
                Variants.pure(variants, solver.label(), seed, bits).ifPresent(needed::add);
            }
        }
        return needed;
    }

    /**
     * @param context  the run's shared inputs
     * @param shown    the variants it shows, as {@link #needed} lists them; not empty
     * @param lines    the results lines by id, whose test metrics the page shows
     * @param models   where the roundings come from
     * @param folder   the run folder
     * @return the page
     */
    static Path write(StudyContext context, List<Variant> shown, Map<String, JsonNode> lines, RoundedModels models,
                      RunFolder folder) {
        GeometryEvaluator.Reference reference = context.references().test();
        List<Double> interior = ViewData.QUARTERS.subList(1, ViewData.QUARTERS.size() - 1);
        List<ViewVariant> views = new ArrayList<>();
        for (int k = 0; k < shown.size(); k++) {
            Variant v = shown.get(k);
            Network network = models.get(v).rounded().network();
            Variant next = k + 1 < shown.size() ? shown.get(k + 1) : null;
            List<Slice> toward = List.of();
            if (next != null && next.solver().label().equals(v.solver().label()) && next.bits() == v.bits() + 1) {
                toward = Interpolator.slices(network, Optional.empty(), models.get(next).rounded().network(),
                        Optional.empty(), reference.plane(), interior);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            JsonNode line = lines.get(v.id());
            for (String key : ViewVariant.METRICS) {
                metrics.put(key, line == null ? Double.NaN : Metrics.of(line, "test", key));
            }
            views.add(new ViewVariant(v.id(), v.solver().label(), v.bits(), metrics, reference.sliceOf(network),
                    reference.outcomesOf(network, Optional.empty()), toward));
        }
        int g = context.evaluation().sliceGrid();
        String about = String.format(java.util.Locale.ROOT, "%s, test split (%d samples); PCA slice %d x %d, a, b in"
                        + " [-%s, %s]; seed %d, each solver's plain rounding (reconstruction, no correction).",
                context.config().dataset().spec(), reference.set().size(), g, g, context.evaluation().sliceRange(),
                context.evaluation().sliceRange(), context.config().seeds().get(0));
        // a config without a description is named by its run folder, not "null"
        String name = context.config().description() != null ? context.config().description()
                : folder.root().getFileName().toString();
        ViewData data = new ViewData("barq viewer: " + name, about,
                context.model().network().classes(), reference.slice(), ViewSamples.of(reference), ViewData.QUARTERS,
                views);
        data.write(folder.root().resolve(ViewData.FILE));
        return ViewPage.write(data, folder.root().resolve(ViewData.PAGE));
    }
}
