package org.barq.experiments.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.experiments.provenance.ModelMetadata;

/**
 * The {@code __metadata__} of a rounded checkpoint (FORMULATION §6): the required {@code barq.*} keys plus
 * provenance. Holds only values that the seed determines, so that the same run writes the same bytes; a solve that
 * ran out of time, which the seed does not determine, is named ({@code barq.time_limit_reached}).
 */
public final class RoundedMetadata {
    /** Keys the checkpoint writer sets from the model itself; the float model's values must not be carried over. */
    private static final java.util.Set<String> WRITER_KEYS = java.util.Set.of(Checkpoints.BARQ_FORMAT,
            Checkpoints.LAYERS, Checkpoints.ACTIVATION, Checkpoints.INPUT_SCALE, Checkpoints.INPUT_OFFSET,
            Checkpoints.BITS, Checkpoints.NETWORK, Checkpoints.INPUT_SHAPE, Checkpoints.GROUP_SIZE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoundedMetadata() {
    }

    /**
     * @param plan        how the model was rounded
     * @param source      the float checkpoint
     * @param calibration the calibration data
     * @param outcome     what rounding did
     * @return the metadata, sorted
     */
    public static SortedMap<String, String> of(RoundingPlan plan, LoadedCheckpoint source, Dataset calibration,
                                               RoundingOutcome outcome) {
        SortedMap<String, String> m = new TreeMap<>();
        for (var e : source.metadata().entrySet()) {
            if (e.getKey().equals(ModelMetadata.TEST_ACCURACY)) {
                // the float model's accuracy must not read as the rounded model's
                m.put(ModelMetadata.SOURCE_TEST_ACCURACY, e.getValue());
            } else if (e.getKey().startsWith("barq.") && !WRITER_KEYS.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put(Checkpoints.GRID, plan.grid().method().id());
        m.put(Checkpoints.SOLVER, plan.solver());
        m.put(Checkpoints.OBJECTIVE, plan.objective().kind().id());
        m.put(Checkpoints.LAMBDA, Double.toString(plan.objective().lambda()));
        m.put(Checkpoints.SEED, Long.toString(plan.seed()));
        m.put(Checkpoints.SOURCE_SHA256, source.sha256());
        m.put(ModelMetadata.OBJECTIVE_SETTINGS, String.format(Locale.ROOT,
                "{\"kind\":\"%s\",\"lambda\":%s,\"band\":%s,\"gamma\":%s,\"inputs\":\"%s\"}",
                plan.objective().kind().id(), plan.objective().lambda(), plan.objective().band(),
                plan.objective().gamma(), plan.objective().inputs().id()));
        m.put(ModelMetadata.SOLVER_SETTINGS, jsonObject(plan.solverOptions()));
        outcome.solverSource().ifPresent(code -> m.put(ModelMetadata.SOLVER_SOURCE, code));
        m.put("barq.calibration", calibration.name());
        m.put("barq.calibration_sha256", calibration.checksum());
        StringBuilder terms = new StringBuilder("[");
        for (LayerReport r : outcome.layers()) {
            terms.append(terms.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                    "{\"layer\":%d,\"r_rtn\":%s,\"g_rtn\":%s,\"r\":%s,\"g\":%s}", r.layer(),
                    r.nearest().r(), r.nearest().g(), r.solution().r(), r.solution().g()));
        }
        m.put(ModelMetadata.LAYER_TERMS, terms.append(']').toString());
        String timed = outcome.layers().stream().filter(LayerReport::timeLimitReached)
                .map(r -> Integer.toString(r.layer())).collect(Collectors.joining(","));
        if (!timed.isEmpty()) {
            m.put(ModelMetadata.TIME_LIMIT_REACHED, "[" + timed + "]");
        }
        outcome.outputPass().ifPresent(p -> m.put(ModelMetadata.OUTPUT_PASS, json(p.toJson())));
        BuildInfo info = BuildInfo.current();
        m.put(ModelMetadata.VERSION, info.version() + " (" + info.commit() + ")");
        return m;
    }

    /**
     * The provenance of a fitted correction; the writer adds the method and alpha from the correction itself.
     *
     * @param plan   the correction asked for
     * @param fitted what was fitted, if anything
     * @return {@code barq.correction.options} (the options as given, as JSON), {@code
     *         barq.correction.seed}, {@code barq.correction.clusters} and the calibration errors before and after;
     *         empty without a correction
     */
    public static SortedMap<String, String> correction(CorrectionPlan plan, Optional<LogitCorrections.Fitted> fitted) {
        SortedMap<String, String> m = new TreeMap<>();
        fitted.ifPresent(f -> {
            m.put(Checkpoints.CORRECTION + ".options", jsonObject(plan.options()));
            m.put(Checkpoints.CORRECTION + ".seed", Long.toString(plan.seed()));
            m.put(Checkpoints.CORRECTION + ".clusters", Integer.toString(f.correction().clusters()));
            m.put(Checkpoints.CORRECTION + ".calibration_error", String.format(Locale.ROOT,
                    "{\"before\":%s,\"after\":%s}", f.before(), f.after()));
        });
        return m;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the options as a JSON object of strings, in key order */
    private static String jsonObject(SortedMap<String, String> options) {
        StringBuilder json = new StringBuilder("{");
        options.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(k).append("\":\"").append(v).append('"'));
        return json.append('}').toString();
    }
}
