package org.barq.experiments.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.api.solver.ObjectiveTrace;
import org.barq.evaluation.GeometryReport;
import org.barq.experiments.pipeline.LayerReport;
import org.barq.experiments.pipeline.OutputPassReport;
import org.barq.experiments.pipeline.RoundingOutcome;

/**
 * The JSON object of one results line. Keys, in order: {@code id, index, bits, grid, group_size} (0 for one scale per
 * row), {@code solver, solver_label,
 * solver_options, time_limit_seconds, objective {kind, lambda, band, gamma, inputs}, seed}, with a correction
 * {@code correction {name, label, options, clusters, calibration_error_before, calibration_error_after}} (the mean
 * squared distance of the logits to the float ones on the calibration split), then {@code layers} (one object per
 * layer: {@code layer, out, in, variables, fixed, band_size, r_rtn, g_rtn, j_rtn, r, g, j, steps, seconds, trace}
 * with the trace as {@code [[seconds, step, J], ...]}, at most {@link #TRACE_POINTS} points), {@code solve_seconds,
 * codes_sha256, calibration, test} ({@link GeometryReport#toJson()}) and {@code provenance}
 * ({@link Provenance#reference()}).
 */
final class ResultLine {
    /** The most anytime-trace points kept per layer. */
    static final int TRACE_POINTS = 200;

    private ResultLine() {
    }

    /**
     * @param variant     the variant
     * @param grid        the scale method's id
     * @param groupSize   inputs per scale, 0 for one per row
     * @param outcome     what rounding did
     * @param correction  the correction fitted after rounding, if the variant has one
     * @param calibration the metrics on the calibration split
     * @param test        the metrics on the test split
     * @param provenance  the run's provenance reference
     * @return the line's object
     */
    static Map<String, Object> of(Variant variant, String grid, int groupSize, RoundingOutcome outcome,
                                  Optional<LogitCorrections.Fitted> correction, GeometryReport calibration, GeometryReport test, Map<String, Object> provenance) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", variant.id());
        line.put("index", variant.index());
        line.put("bits", variant.bits());
        line.put("grid", grid);
        line.put("group_size", groupSize);
        line.put("solver", variant.solver().name());
        line.put("solver_label", variant.method());
        line.put("solver_options", new LinkedHashMap<>(variant.solver().options()));
        outcome.solverSource().ifPresent(source -> line.put("solver_source", source));
        line.put("time_limit_seconds", variant.solver().timeLimit());
        Map<String, Object> objective = new LinkedHashMap<>();
        objective.put("kind", variant.objective().kind().id());
        objective.put("lambda", variant.objective().lambda());
        objective.put("band", variant.objective().band());
        objective.put("gamma", variant.objective().gamma());
        objective.put("inputs", variant.objective().inputs().id());
        line.put("objective", objective);
        line.put("seed", variant.seed());
        correction.ifPresent(f -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", f.correction().method());
            c.put("label", variant.correction().orElseThrow().label());
            c.put("options", new LinkedHashMap<>(variant.correction().orElseThrow().options()));
            c.put("clusters", f.correction().clusters());
            c.put("calibration_error_before", f.before());
            c.put("calibration_error_after", f.after());
            line.put("correction", c);
        });
        List<Object> layers = new ArrayList<>();
        double seconds = 0;
        for (LayerReport r : outcome.layers()) {
            layers.add(layer(r));
            seconds += r.seconds();
        }
        line.put("layers", layers);
        outcome.outputPass().ifPresent(p -> line.put("output_pass", p.toJson()));
        line.put("r_total", totalReconstruction(outcome));
        line.put("solve_seconds", seconds + outcome.outputPass().map(OutputPassReport::seconds).orElse(0.0));
        line.put("codes_sha256", Codes.sha256(outcome.rounded()));
        line.put("calibration", calibration.toJson());
        line.put("test", test.toJson());
        line.put("provenance", provenance);
        return line;
    }

    /**
     * @return the summed reconstruction {@code R} of every weight layer of the final rounding: the layer reports'
     *         values, with the last two layers' taken after the output pass when there was one
     */
    static double totalReconstruction(RoundingOutcome outcome) {
        List<LayerReport> layers = outcome.layers();
        double total = 0;
        int passed = outcome.outputPass().map(p -> layers.size() >= 2 ? 2 : 1).orElse(0);
        for (int i = 0; i < layers.size() - passed; i++) {
            total += layers.get(i).solution().r();
        }
        if (passed > 0) {
            total += outcome.outputPass().get().rAfter();
        }
        return total;
    }

    private static Map<String, Object> layer(LayerReport r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layer", r.layer());
        json.put("out", r.out());
        json.put("in", r.in());
        json.put("variables", r.variables());
        json.put("fixed", r.fixed());
        if (r.sampled()) {
            json.put("h_rows", r.rows());
            json.put("h_rows_available", r.availableRows());
        }
        json.put("band_size", r.bandSize());
        json.put("r_rtn", r.nearest().r());
        json.put("g_rtn", r.nearest().g());
        json.put("j_rtn", r.nearest().j());
        json.put("r", r.solution().r());
        json.put("g", r.solution().g());
        json.put("j", r.solution().j());
        json.put("steps", r.steps());
        json.put("seconds", r.seconds());
        json.put("trace", trace(r.trace()));
        if (!r.notes().isEmpty()) {
            json.put("notes", r.notes());
        }
        return json;
    }

    /**
     * @param points the solver's trace
     * @return at most {@link #TRACE_POINTS} points {@code [seconds, step, J]}: all of them, or the first, the last
     *         and evenly spaced ones between
     */
    static List<List<Number>> trace(List<ObjectiveTrace.Point> points) {
        int n = points.size();
        int keep = Math.min(n, TRACE_POINTS);
        List<List<Number>> out = new ArrayList<>(keep);
        for (int k = 0; k < keep; k++) {
            int i = keep == 1 ? 0 : (int) ((long) k * (n - 1) / (keep - 1));
            ObjectiveTrace.Point p = points.get(i);
            out.add(List.of(p.nanos() / 1e9, p.step(), p.value()));
        }
        return out;
    }
}
