package org.barq.experiments.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.objectives.output.LambdaSelection;

/**
 * What the output pass did.
 *
 * @param plan      the pass asked for
 * @param lambda    the {@code lambda} it ran with
 * @param choice    the cross-validation that chose it; empty when the plan had one candidate
 * @param seed      the seed of the pass (split from the rounding's seed)
 * @param rBefore   {@code R} of the last two layers before the pass
 * @param rAfter    after it
 * @param gBefore   the weighted pair-gap error {@code G} before the pass
 * @param gAfter    after it
 * @param rLayers   {@code R} of the layer before the last and of the last layer after the pass
 * @param accepted  flips kept, all sweeps
 * @param seconds   wall time, cross-validation included
 */
public record OutputPassReport(OutputPassPlan plan, double lambda, Optional<LambdaSelection.Choice> choice, long seed,
                               double rBefore, double rAfter, double gBefore, double gAfter, double[] rLayers,
                               int accepted, double seconds) {

    /** @return the report as JSON-ready values, in a fixed order; without the wall time */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lambdas", plan.lambdas());
        json.put("folds", plan.folds());
        json.put("band", plan.band());
        json.put("temperature", plan.temperature());
        json.put("sweeps", plan.sweeps());
        json.put("r_limit", plan.rLimit());
        json.put("between", plan.between());
        json.put("matching", plan.matching().id());
        json.put("seed", seed);
        json.put("lambda", lambda);
        choice.ifPresent(c -> {
            List<Object> scores = new ArrayList<>();
            for (LambdaSelection.Score s : c.scores()) {
                Map<String, Object> score = new LinkedHashMap<>();
                score.put("lambda", s.lambda());
                score.put("band_flips", s.bandFlips());
                score.put("band", s.bandSize());
                score.put("pair_order_flip", s.pairOrderFlip());
                score.put("start_band_flips", s.startFlips());
                score.put("held_out_gap_ratio", s.heldOutGap());
                score.put("r_ratio_lambda0", s.reconstructionRatio());
                score.put("r_ratio_start", s.startRatio());
                score.put("within_r_limit", s.withinLimit());
                scores.add(score);
            }
            json.put("cross_validation", scores);
            json.put("expected_flip_ratio", c.expectedFlipRatio());
        });
        json.put("r_before", rBefore);
        json.put("r_after", rAfter);
        json.put("r_layers_after", List.of(rLayers[0], rLayers[1]));
        json.put("g_before", gBefore);
        json.put("g_after", gAfter);
        json.put("accepted", accepted);
        return json;
    }
}
