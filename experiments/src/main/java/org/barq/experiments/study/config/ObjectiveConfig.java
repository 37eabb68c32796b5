package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.objectives.InputsMode;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;

/**
 * One objective of a study (FORMULATION §3.3) with its sweep of {@code lambda} values, and where it applies.
 *
 * @param kind    {@code reconstruction}, {@code gap} or {@code hinge}; required
 * @param lambdas the surrogate weights to sweep, each finite and {@code >= 0}; required for {@code gap} and
 *                {@code hinge}; {@code [0]} (and only that) for {@code reconstruction}
 * @param band    {@code beta}, the calibration band's margin quantile, in (0, 1]; default 0.2
 * @param gamma   the hinge's fraction of the float margin, in [0, 1]; default 0.5
 * @param inputs  {@code sequential} or {@code float}; default sequential
 * @param bits    the bit widths where this objective applies, a subset of the study's; default all of them
 * @param solvers the solver labels this objective applies to, a subset of the study's; default all of them
 */
public record ObjectiveConfig(@JsonProperty("kind") String kind, @JsonProperty("lambdas") List<Double> lambdas,
                              @JsonProperty("band") Double band, @JsonProperty("gamma") Double gamma,
                              @JsonProperty("inputs") String inputs, @JsonProperty("bits") List<Integer> bits,
                              @JsonProperty("solvers") List<String> solvers) {

    /** Applies the defaults (except {@code bits} and {@code solvers}, which {@link StudyConfig} fills) and checks. */
    public ObjectiveConfig {
        Checks.required("kind", kind, "kind: reconstruction");
        ObjectiveKind parsed;
        try {
            parsed = ObjectiveKind.parse(kind);
        } catch (InvalidInputException e) {
            throw new ConfigValueException("kind", kind, e.getMessage());
        }
        if (parsed == ObjectiveKind.RECONSTRUCTION) {
            lambdas = Checks.or(lambdas, List.of(0.0));
            if (!lambdas.equals(List.of(0.0))) {
                throw new ConfigValueException("lambdas", lambdas, "reconstruction has no surrogate to weigh."
                        + " Maybe kind: hinge or gap, or leave lambdas out?");
            }
        } else {
            Checks.required("lambdas", lambdas, "lambdas: [0.1, 0.3, 1, 3]");
        }
        lambdas = Checks.nonEmptyDistinct("lambdas", lambdas, "lambdas: [0, 1]");
        for (int i = 0; i < lambdas.size(); i++) {
            double l = lambdas.get(i);
            if (!(l >= 0) || !Double.isFinite(l)) {
                throw new ConfigValueException("lambdas[" + i + "]", l, "must be a finite number >= 0. Maybe 1?");
            }
        }
        // a value that differs from the default and that nothing reads would be dropped without a word (the
        // default itself is harmless: a resolved config spells every key out)
        if (parsed == ObjectiveKind.RECONSTRUCTION && band != null && band != ObjectiveSpec.DEFAULT.band()) {
            throw new ConfigValueException("band", band, "picks the surrogate's samples, and reconstruction has none."
                    + " Maybe kind: hinge or gap, or leave band out (the evaluation's band is evaluation:"
                    + " {band: ..})?");
        }
        if (parsed != ObjectiveKind.HINGE && gamma != null && gamma != ObjectiveSpec.DEFAULT.gamma()) {
            throw new ConfigValueException("gamma", gamma, "is the hinge surrogate's, and " + kind + " has none."
                    + " Maybe kind: hinge, or leave gamma out?");
        }
        band = Checks.or(band, ObjectiveSpec.DEFAULT.band());
        if (!(band > 0 && band <= 1)) {
            throw new ConfigValueException("band", band, "must lie in (0, 1]. Maybe 0.2?");
        }
        gamma = Checks.within("gamma", Checks.or(gamma, ObjectiveSpec.DEFAULT.gamma()), 0, 1, "0.5");
        inputs = Checks.or(inputs, ObjectiveSpec.DEFAULT.inputs().id());
        try {
            InputsMode.parse(inputs);
        } catch (InvalidInputException e) {
            throw new ConfigValueException("inputs", inputs, e.getMessage());
        }
        if (bits != null) {
            bits = Checks.nonEmptyDistinct("bits", bits, "leave bits out to apply at every bit width");
        }
        if (solvers != null) {
            solvers = Checks.nonEmptyDistinct("solvers", solvers, "leave solvers out to apply to every solver");
        }
    }

    /** @return the parsed kind */
    public ObjectiveKind objectiveKind() {
        return ObjectiveKind.parse(kind);
    }

    /**
     * @param lambda one of {@link #lambdas()}
     * @return the objective at that {@code lambda}
     */
    public ObjectiveSpec spec(double lambda) {
        return new ObjectiveSpec(objectiveKind(), lambda, band, gamma, InputsMode.parse(inputs));
    }

    /**
     * The objective's part of a variant id: the kind, then {@code -g<gamma>} for a hinge whose {@code gamma} is not
     * 0.5, {@code -beta<band>} for a band other than 0.2, and {@code -float} for float inputs. Only values that
     * differ from the defaults appear, so the usual ids stay short.
     *
     * @return e.g. {@code hinge}, {@code hinge-g0.25-beta0.1}
     */
    public String label() {
        StringBuilder s = new StringBuilder(kind);
        if (objectiveKind() == ObjectiveKind.HINGE && gamma != ObjectiveSpec.DEFAULT.gamma()) {
            s.append("-g").append(ObjectiveSpec.number(gamma));
        }
        if (band != ObjectiveSpec.DEFAULT.band()) {
            s.append("-beta").append(ObjectiveSpec.number(band));
        }
        if (!inputs.equals(ObjectiveSpec.DEFAULT.inputs().id())) {
            s.append('-').append(inputs);
        }
        return s.toString();
    }

    /** @return true when this objective applies at {@code b} bits to the solver labelled {@code solver} */
    public boolean appliesTo(int b, String solver) {
        return (bits == null || bits.contains(b)) && (solvers == null || solvers.contains(solver));
    }

    /**
     * @param studyBits    the study's bit widths
     * @param solverLabels the study's solver labels
     * @return this objective with {@code bits} and {@code solvers} filled in when absent
     */
    ObjectiveConfig resolved(List<Integer> studyBits, List<String> solverLabels) {
        return new ObjectiveConfig(kind, lambdas, band, gamma, inputs, Checks.or(bits, studyBits),
                Checks.or(solvers, solverLabels));
    }
}
