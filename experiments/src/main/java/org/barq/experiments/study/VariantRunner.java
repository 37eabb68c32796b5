package org.barq.experiments.study;

import java.util.Map;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.GeometryReport;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.SequentialRounding;

/** Rounds one variant on the calibration split and evaluates it on the calibration and the test split. */
final class VariantRunner {
    private final SequentialRounding rounding;
    private final StudyContext context;

    VariantRunner(SequentialRounding rounding, StudyContext context) {
        this.rounding = rounding;
        this.context = context;
    }

    /**
     * @param variant the variant
     * @return what {@link SequentialRounding#run} gives for its plan: deterministic for the seed (while no layer's
     *         solve runs out of time)
     */
    RoundingOutcome round(Variant variant) {
        return rounding.run(context.model().network(), context.splits().calibration(),
                variant.plan(context.config()), null);
    }

    /**
     * @param variant the variant
     * @return the rounding and its results line
     */
    Finished run(Variant variant) {
        RoundingOutcome outcome = round(variant);
        GeometryReport calibration = GeometryEvaluator.evaluate(context.references().calibration(),
                outcome.rounded().network()).report();
        GeometryReport test = GeometryEvaluator.evaluate(context.references().test(), outcome.rounded().network())
                .report();
        return new Finished(variant, outcome, ResultLine.of(variant, context.config().grid(),
                context.config().groupSizeOrZero(), outcome, calibration, test, context.provenance()));
    }

    /**
     * A finished variant.
     *
     * @param variant the variant
     * @param outcome the rounded model and per-layer reports
     * @param line    its results line's object
     */
    record Finished(Variant variant, RoundingOutcome outcome, Map<String, Object> line) {
    }
}
