package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.stopping.JaccardPair;
import org.barq.evaluation.stopping.StoppingCandidate;
import org.barq.evaluation.stopping.StoppingReport;
import org.barq.evaluation.stopping.StoppingRule;
import org.barq.experiments.study.config.StoppingConfig;
import org.barq.experiments.study.config.StudyConfig;

/**
 * {@code stopping.json}: the stopping rule (FORMULATION §5) for each configured solver and seed, over the study's bit
 * widths from high to low, with the {@code lambda = 0} variants as candidates; and "calibration predicts held-out":
 * Pearson's {@code r} between calibration and held-out slice-boundary Jaccard across all variants, per solver and per
 * bit width. Each solver's report sits under its own top-level key (the solver label for the first seed,
 * {@code <label>/s<seed>} for the others), beside the keys that describe them all.
 */
final class StoppingAnalysis {
    private StoppingAnalysis() {
    }

    /**
     * @param config        the study
     * @param variants      its variants
     * @param lines         every variant's results line, by id
     * @param floatAccuracy the float model's calibration and test accuracy
     * @param file          where to write
     * @return the JSON written; keys {@code rule} ({@code eps_acc, tau_flip, tau_jaccard}), {@code candidates_from},
     *         {@code float_calibration_accuracy, float_test_accuracy}, then one key per solver and seed (see above),
     *         each {@code solver, seed} followed by {@link StoppingReport#toJson()} (whose {@code jaccard_pearson_r}
     *         is over all variants), then {@code correlation} ({@code n_variants, jaccard_pearson_r, by_solver,
     *         by_bits} (each {@code n_variants, jaccard_pearson_r}), {@code pairs}: each {@code id, calibration,
     *         held_out})
     */
    static Map<String, Object> write(StudyConfig config, List<Variant> variants, Map<String, JsonNode> lines,
                                     Map<String, Double> floatAccuracy, Path file) {
        StoppingConfig stopping = config.stopping();
        StoppingRule rule = stopping.rule();
        List<JaccardPair> pairs = new ArrayList<>();
        for (Variant v : variants) {
            JsonNode line = lines.get(v.id());
            pairs.add(new JaccardPair(v.id(), Metrics.of(line, "calibration", "boundary_jaccard"),
                    Metrics.of(line, "test", "boundary_jaccard")));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> ruleJson = new LinkedHashMap<>();
        ruleJson.put("eps_acc", rule.epsAccuracy());
        ruleJson.put("tau_flip", rule.tauFlip());
        ruleJson.put("tau_jaccard", rule.tauJaccard());
        json.put("rule", ruleJson);
        json.put("candidates_from", "the lambda = 0 variant of each bit width, highest bits first");
        json.put("float_calibration_accuracy", floatAccuracy.get("calibration"));
        json.put("float_test_accuracy", floatAccuracy.get("test"));
        for (String solver : stopping.solvers()) {
            for (long seed : config.seeds()) {
                List<StoppingCandidate> candidates = new ArrayList<>();
                for (int bits : config.bits().stream().sorted(Comparator.reverseOrder()).toList()) {
                    Optional<Variant> v = Variants.pure(variants, solver, seed, bits);
                    v.ifPresent(variant -> candidates.add(new StoppingCandidate(bits,
                            Metrics.split(lines.get(variant.id()), "calibration"),
                            Metrics.split(lines.get(variant.id()), "test"))));
                }
                if (candidates.isEmpty()) {
                    continue;
                }
                Map<String, Object> selection = new LinkedHashMap<>();
                selection.put("solver", solver);
                selection.put("seed", seed);
                selection.putAll(rule.select(candidates, floatAccuracy.get("calibration"), pairs).toJson());
                json.put(seed == config.seeds().get(0) ? solver : solver + "/s" + seed, selection);
            }
        }
        json.put("correlation", correlation(variants, pairs));
        JsonReports.write(file, json);
        return json;
    }

    private static Map<String, Object> correlation(List<Variant> variants, List<JaccardPair> pairs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n_variants", pairs.size());
        json.put("jaccard_pearson_r", r(pairs));
        Map<String, List<JaccardPair>> bySolver = new LinkedHashMap<>();
        Map<Integer, List<JaccardPair>> byBits = new TreeMap<>();
        for (int i = 0; i < variants.size(); i++) {
            bySolver.computeIfAbsent(variants.get(i).solver().label(), k -> new ArrayList<>()).add(pairs.get(i));
            byBits.computeIfAbsent(variants.get(i).bits(), k -> new ArrayList<>()).add(pairs.get(i));
        }
        Map<String, Object> solvers = new LinkedHashMap<>();
        bySolver.forEach((k, v) -> solvers.put(k, group(v)));
        json.put("by_solver", solvers);
        Map<String, Object> bits = new LinkedHashMap<>();
        byBits.forEach((k, v) -> bits.put(Integer.toString(k), group(v)));
        json.put("by_bits", bits);
        List<Object> list = new ArrayList<>();
        for (JaccardPair p : pairs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.variant());
            row.put("calibration", p.calibration());
            row.put("held_out", p.heldOut());
            list.add(row);
        }
        json.put("pairs", list);
        return json;
    }

    private static Map<String, Object> group(List<JaccardPair> pairs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n_variants", pairs.size());
        json.put("jaccard_pearson_r", r(pairs));
        return json;
    }

    private static double r(List<JaccardPair> pairs) {
        return StoppingRule.pearson(pairs.stream().mapToDouble(JaccardPair::calibration).toArray(),
                pairs.stream().mapToDouble(JaccardPair::heldOut).toArray());
    }
}
