package org.barq.experiments.pipeline;

import jakarta.inject.Inject;
import java.util.Optional;
import org.barq.api.correction.CalibrationLogits;
import org.barq.api.correction.CorrectionFitter;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.corrections.CorrectionRegistry;
import org.barq.evaluation.SetLogits;

/** The correction stage after rounding: the float and rounded logits on the calibration set, and the fit. */
public final class LogitCorrections {
    private final CorrectionRegistry registry;

    /** @param registry the registered corrections */
    @Inject
    public LogitCorrections(CorrectionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param name a correction's name
     * @return a plug-in correction's class, jar and the jar's SHA-256; empty for a built-in one
     * @throws InvalidInputException for a correction this process does not have
     */
    public Optional<String> source(String name) {
        return registry.source(name);
    }

    /**
     * Fails fast on an unknown correction, option or option value, before any rounding.
     *
     * @param plan the plan to check
     */
    public void validate(CorrectionPlan plan) {
        if (plan.fits()) {
            CorrectionFitter fitter = registry.get(plan.name());
            fitter.checkOptions(fitter.descriptor().validate(plan.options()));
        }
    }

    /**
     * As {@link #validate(CorrectionPlan)}, once the model is known, with the options its number of logits bounds.
     *
     * @param plan    the plan to check
     * @param classes the model's number of logits
     */
    public void validate(CorrectionPlan plan, int classes) {
        if (plan.fits()) {
            CorrectionFitter fitter = registry.get(plan.name());
            fitter.checkOptions(fitter.descriptor().validate(plan.options()), classes);
        }
    }

    /**
     * A fitted correction and how much it closed the gap to the float logits on the data it was fitted on.
     *
     * @param correction the correction
     * @param before     mean over samples of {@code ||z_f - z_q||^2}
     * @param after      the same after the correction
     */
    public record Fitted(LogitCorrection correction, double before, double after) {
    }

    /**
     * @param plan        which correction
     * @param floatModel  {@code f}
     * @param rounded     the rounded network
     * @param calibration the calibration set
     * @return the fitted correction, empty when the plan fits none
     */
    public Optional<Fitted> fit(CorrectionPlan plan, Network floatModel, Network rounded, Dataset calibration) {
        if (!plan.fits()) {
            return Optional.empty();
        }
        CorrectionFitter fitter = registry.get(plan.name());
        double[] zf = SetLogits.of(floatModel, calibration);
        double[] zq = SetLogits.of(rounded, calibration);
        LogitCorrection correction = fitter.fit(new CalibrationLogits(zf, zq, rounded.classes()),
                fitter.descriptor().validate(plan.options()), plan.seed());
        return Optional.of(new Fitted(correction, meanSquared(zf, zq, calibration.size()),
                meanSquared(zf, correction.apply(zq), calibration.size())));
    }

    private static double meanSquared(double[] a, double[] b, int n) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / n;
    }
}
