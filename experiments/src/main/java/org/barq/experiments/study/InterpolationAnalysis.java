package org.barq.experiments.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barq.evaluation.JsonReports;
import org.barq.evaluation.interpolation.InterpolationResult;
import org.barq.evaluation.interpolation.Interpolator;
import org.barq.evaluation.plot.SlicePlots;
import org.barq.experiments.study.config.InterpolationConfig;
import org.barq.experiments.study.config.StudyConfig;

/**
 * {@code interpolation.json} and its pictures: for each configured pair {@code [b, b + 1]}, the interpolation
 * between the {@code lambda = 0} roundings of the configured solver and seed (FORMULATION §5), on the test split's
 * PCA slice.
 */
final class InterpolationAnalysis {
    private InterpolationAnalysis() {
    }

    /**
     * @param config   the study
     * @param variants its variants
     * @return the variants the pairs need, low then high per pair
     */
    static List<Variant> needed(StudyConfig config, List<Variant> variants) {
        List<Variant> needed = new ArrayList<>();
        InterpolationConfig c = config.interpolation();
        if (!c.enabled()) {
            return needed;
        }
        for (List<Integer> pair : c.pairs()) {
            Optional<Variant> low = Variants.pure(variants, c.solver(), c.seed(), pair.get(0));
            Optional<Variant> high = Variants.pure(variants, c.solver(), c.seed(), pair.get(1));
            if (low.isPresent() && high.isPresent()) {
                needed.add(low.get());
                needed.add(high.get());
            }
        }
        return needed;
    }

    /**
     * @param context  the run's shared inputs
     * @param variants the study's variants
     * @param models   where the roundings come from
     * @param folder   the run folder
     * @return the JSON written: one object per pair, keyed {@code b<low>-b<high>} (e.g. {@code b3-b4}), each with
     *         {@code low_bits, high_bits, low_id, high_id, solver, seed, set}, then the interpolation report's keys,
     *         then {@code plots} (paths relative to the run folder)
     */
    static Map<String, Object> write(StudyContext context, List<Variant> variants, RoundedModels models,
                                     RunFolder folder) {
        InterpolationConfig c = context.config().interpolation();
        Map<String, Object> json = new LinkedHashMap<>();
        List<Variant> needed = needed(context.config(), variants);
        for (int k = 0; k + 1 < needed.size(); k += 2) {
            Variant low = needed.get(k);
            Variant high = needed.get(k + 1);
            InterpolationResult result = Interpolator.run(context.model().network(),
                    models.get(low).rounded().network(), models.get(high).rounded().network(), context.splits().test(),
                    context.evaluation());
            String name = "b" + low.bits() + "-b" + high.bits();
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("low_bits", low.bits());
            pair.put("high_bits", high.bits());
            pair.put("low_id", low.id());
            pair.put("high_id", high.id());
            pair.put("solver", c.solver());
            pair.put("seed", c.seed());
            pair.put("set", "test");
            pair.putAll(result.report().toJson());
            List<String> files = new ArrayList<>();
            if (context.config().outputs().plots()) {
                for (Path p : SlicePlots.write(folder.plots().resolve("interpolation"), name + "_", result)) {
                    files.add(folder.root().relativize(p).toString());
                }
            }
            pair.put("plots", files);
            json.put(name, pair);
        }
        JsonReports.write(folder.interpolation(), json);
        return json;
    }
}
