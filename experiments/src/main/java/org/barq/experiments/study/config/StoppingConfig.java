package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.evaluation.stopping.StoppingRule;

/**
 * The stopping rule after the variants (FORMULATION §5), applied to each listed solver and seed over the study's
 * bit widths, with the candidates at {@code lambda = 0}; the thresholds default to {@link StoppingRule#DEFAULTS}.
 *
 * @param enabled    whether to write {@code stopping.json}; default true
 * @param solvers    the solver labels to apply it to; default all of the study's
 * @param epsAcc     {@code eps_acc}, in [0, 1]
 * @param tauFlip    {@code tau_flip}, in [0, 1]
 * @param tauJaccard {@code tau_J}, in [0, 1]
 */
public record StoppingConfig(@JsonProperty("enabled") Boolean enabled, @JsonProperty("solvers") List<String> solvers,
                             @JsonProperty("eps_acc") Double epsAcc, @JsonProperty("tau_flip") Double tauFlip,
                             @JsonProperty("tau_jaccard") Double tauJaccard) {

    /** The defaults of every key. */
    public static final StoppingConfig DEFAULTS = new StoppingConfig(null, null, null, null, null);

    /** Applies the defaults (except {@code solvers}, which {@link StudyConfig} fills) and checks the thresholds. */
    public StoppingConfig {
        enabled = Checks.or(enabled, true);
        if (solvers != null) {
            solvers = Checks.nonEmptyDistinct("solvers", solvers, "leave solvers out to apply to every solver");
        }
        epsAcc = Checks.within("eps_acc", Checks.or(epsAcc, StoppingRule.DEFAULTS.epsAccuracy()), 0, 1, "0.01");
        tauFlip = Checks.within("tau_flip", Checks.or(tauFlip, StoppingRule.DEFAULTS.tauFlip()), 0, 1, "0.01");
        tauJaccard = Checks.within("tau_jaccard", Checks.or(tauJaccard, StoppingRule.DEFAULTS.tauJaccard()), 0, 1,
                "0.5");
        if (!enabled) {
            // a threshold other than the default would be dropped without a word (a resolved config spells the
            // defaults out, which is harmless)
            requireDefault("eps_acc", epsAcc, StoppingRule.DEFAULTS.epsAccuracy());
            requireDefault("tau_flip", tauFlip, StoppingRule.DEFAULTS.tauFlip());
            requireDefault("tau_jaccard", tauJaccard, StoppingRule.DEFAULTS.tauJaccard());
        }
    }

    private static void requireDefault(String key, double value, double fallback) {
        if (value != fallback) {
            throw new ConfigValueException(key, value, "is a threshold of the stopping rule, and enabled: false turns"
                    + " the rule off. Maybe enabled: true, or leave " + key + " out?");
        }
    }

    /** @return the rule with these thresholds */
    public StoppingRule rule() {
        return new StoppingRule(epsAcc, tauFlip, tauJaccard);
    }

    StoppingConfig resolved(List<String> solverLabels) {
        return new StoppingConfig(enabled, Checks.or(solvers, solverLabels), epsAcc, tauFlip, tauJaccard);
    }
}
