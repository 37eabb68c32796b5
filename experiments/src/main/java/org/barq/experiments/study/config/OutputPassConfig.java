package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.experiments.pipeline.OutputPassPlan;
import org.barq.objectives.ObjectiveSpec;
import org.barq.objectives.output.OutputMatching;

/**
 * A solver entry's output pass (issue 20): after the layer-by-layer rounding, coordinate descent over the last two
 * weight layers scored by the forward pass, {@code lambda} chosen by cross-validation inside the calibration set.
 * Every key is optional and defaults to {@code barq quantize --preset boundary-aware}'s value.
 *
 * @param lambdas     the candidates; one value is used without cross-validation, and then {@code folds},
 *                    {@code band} and {@code r_limit}, which only the cross-validation reads, must be left out
 * @param folds       cross-validation folds
 * @param band        each held-out fold's band quantile
 * @param temperature the float-margin quantile that sets the sample weights' {@code T}
 * @param sweeps      passes over both layers
 * @param rLimit      the most {@code R} of the two layers may grow over its value before the pass (a factor), 0 for
 *                    no limit
 * @param between     points between samples of different predicted classes added per calibration sample
 * @param matching    {@code layers} (both layers' reconstruction) or {@code logits} (block output matching)
 */
public record OutputPassConfig(@JsonProperty("lambdas") List<Double> lambdas, @JsonProperty("folds") Integer folds,
                               @JsonProperty("band") Double band, @JsonProperty("temperature") Double temperature,
                               @JsonProperty("sweeps") Integer sweeps, @JsonProperty("r_limit") Double rLimit,
                               @JsonProperty("between") Integer between,
                               @JsonProperty("matching") String matching) {
    /**
     * Applies the defaults and checks the values: the config's own (a list with no gap or repeat, a known matching)
     * here, the rest by {@link OutputPassPlan}, so that a study and the preset accept the same passes.
     */
    public OutputPassConfig {
        OutputPassPlan d = OutputPassPlan.BOUNDARY_AWARE;
        lambdas = Checks.nonEmptyDistinct("lambdas", Checks.or(lambdas, d.lambdas()), "[0, 1, 3]");
        if (lambdas.size() == 1) {
            // one lambda is used as it is: the cross-validation's settings would be dropped without a word (their
            // defaults are harmless: a resolved config spells every key out)
            readByCrossValidation("folds", folds, d.folds(), lambdas);
            readByCrossValidation("band", band, d.band(), lambdas);
            readByCrossValidation("r_limit", rLimit, d.rLimit(), lambdas);
        }
        folds = Checks.or(folds, d.folds());
        band = Checks.or(band, d.band());
        temperature = Checks.or(temperature, d.temperature());
        sweeps = Checks.or(sweeps, d.sweeps());
        between = Checks.or(between, d.between());
        rLimit = Checks.or(rLimit, d.rLimit());
        matching = Checks.or(matching, d.matching().id());
        if (OutputMatching.find(matching).isEmpty()) {
            throw new ConfigValueException("matching", matching, "is not known. Maybe " + OutputMatching.HINT + "?");
        }
        new OutputPassPlan(lambdas, folds, band, temperature, sweeps, rLimit, between, OutputMatching.of(matching));
    }

    private static void readByCrossValidation(String key, Object value, Object fallback, List<Double> lambdas) {
        if (value != null && !value.equals(fallback)) {
            throw new ConfigValueException(key, value, "is a setting of the cross-validation that chooses among"
                    + " lambdas, and lambdas " + lambdas + " has one, used without it. Maybe more lambdas, e.g. [0, "
                    + ObjectiveSpec.number(lambdas.get(0) == 0 ? 1 : lambdas.get(0)) + "], or leave " + key + " out?");
        }
    }

    /** @return the pass these values ask for */
    public OutputPassPlan plan() {
        return new OutputPassPlan(lambdas, folds, band, temperature, sweeps, rLimit, between,
                OutputMatching.of(matching));
    }
}
