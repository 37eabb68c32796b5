package org.barq.experiments.study;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.barq.api.correction.LogitCorrection;
import org.barq.evaluation.GeometryEvaluator;
import org.barq.evaluation.GeometryReport;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.SequentialRounding;

/**
 * Rounds one variant on the calibration split, fits its correction if it has one, and evaluates the result on the
 * calibration and the test split. A corrected variant reuses the rounding of its uncorrected twin, which runs just
 * before it: the codes are the same for the seed either way, and rounding again would cost the solve once more.
 */
final class VariantRunner {
    private final SequentialRounding rounding;
    private final LogitCorrections corrections;
    private final StudyContext context;
    private final boolean shareRoundings;
    /** Roundings that corrected variants still need, by {@link Variant#roundingId()}. */
    private final ConcurrentMap<String, CompletableFuture<RoundingOutcome>> shared = new ConcurrentHashMap<>();

    VariantRunner(SequentialRounding rounding, LogitCorrections corrections, StudyContext context) {
        this(rounding, corrections, context, true);
    }

    /**
     * @param shareRoundings false on a cluster member, where a corrected variant's twin may run on another member:
     *                       each variant then rounds itself (the same codes), and no shared rounding waits forever
     *                       in memory for twins that went elsewhere
     */
    VariantRunner(SequentialRounding rounding, LogitCorrections corrections, StudyContext context,
                  boolean shareRoundings) {
        this.rounding = rounding;
        this.corrections = corrections;
        this.context = context;
        this.shareRoundings = shareRoundings;
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

    /** As {@link #round}, shared between a rounding and its corrected twins when the study has corrections. */
    private RoundingOutcome roundShared(Variant variant) {
        if (!shareRoundings || context.config().corrections().isEmpty()) {
            return round(variant);
        }
        CompletableFuture<RoundingOutcome> mine = new CompletableFuture<>();
        CompletableFuture<RoundingOutcome> existing = shared.putIfAbsent(variant.roundingId(), mine);
        if (existing == null) {
            try {
                mine.complete(round(variant));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                shared.remove(variant.roundingId());
                throw e;
            }
            existing = mine;
        }
        RoundingOutcome outcome = existing.join();
        int last = context.config().corrections().size() - 1;
        if (variant.correction().isPresent()
                && variant.correction().get().equals(context.config().corrections().get(last))) {
            shared.remove(variant.roundingId());
        }
        return outcome;
    }

    /**
     * @param variant the variant
     * @param outcome its rounding
     * @return its fitted correction, if it has one
     */
    Optional<LogitCorrections.Fitted> correction(Variant variant, RoundingOutcome outcome) {
        return corrections.fit(variant.correctionPlan(), context.model().network(), outcome.rounded().network(),
                context.splits().calibration());
    }

    /** Fails fast on a correction name or option the registry does not know. */
    void validate(Variant variant) {
        corrections.validate(variant.correctionPlan());
    }

    /**
     * @param variant the variant
     * @return the rounding and its results line
     */
    Finished run(Variant variant) {
        RoundingOutcome outcome = roundShared(variant);
        Optional<LogitCorrections.Fitted> fitted = correction(variant, outcome);
        Optional<LogitCorrection> correction = fitted.map(LogitCorrections.Fitted::correction);
        GeometryReport calibration = GeometryEvaluator.evaluate(context.references().calibration(),
                outcome.rounded().network(), correction).report();
        GeometryReport test = GeometryEvaluator.evaluate(context.references().test(), outcome.rounded().network(),
                correction).report();
        return new Finished(variant, outcome, ResultLine.of(variant, context.config().grid(),
                context.config().groupSizeOrZero(), outcome, fitted, calibration, test, context.provenance()));
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
