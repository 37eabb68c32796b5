package org.barq.objectives;

import java.math.BigDecimal;
import org.barq.api.InvalidInputException;

/**
 * What a layer's objective {@code J(u) = R(u) / R(RTN) + lambda * G(u) / max(G(RTN), eps)} is made of
 * (FORMULATION §3.3). With {@link ObjectiveKind#RECONSTRUCTION} there is no surrogate: {@code G = 0} and
 * {@code lambda} is ignored.
 *
 * @param kind   the surrogate, or none
 * @param lambda the surrogate's weight, finite and {@code >= 0}; 0 means pure reconstruction
 * @param band   {@code beta} in (0, 1]: the band holds the calibration samples whose float margin is at or below
 *               the {@code beta}-quantile
 * @param gamma  the hinge's fraction of the float margin, in [0, 1]; read only by {@link ObjectiveKind#HINGE}
 * @param inputs which inputs the reconstruction term sees
 */
public record ObjectiveSpec(ObjectiveKind kind, double lambda, double band, double gamma, InputsMode inputs) {
    /** Pure reconstruction on sequential inputs, {@code beta = 0.2}, {@code gamma = 0.5}. */
    public static final ObjectiveSpec DEFAULT = new ObjectiveSpec(ObjectiveKind.RECONSTRUCTION, 0.0, 0.2, 0.5,
            InputsMode.SEQUENTIAL);

    /** Validates every value; each failure is one line naming the value and a likely fix. */
    public ObjectiveSpec {
        if (kind == null) {
            throw new InvalidInputException("objective kind is missing. Maybe one of: reconstruction, gap, hinge?");
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new InvalidInputException("objective lambda " + lambda + " must be a finite number >= 0. Maybe 0"
                    + " (pure reconstruction) or 1?");
        }
        if (!(band > 0 && band <= 1)) {
            throw new InvalidInputException("band beta " + band + " must be in (0, 1]. Maybe 0.2 (the 20 % of"
                    + " calibration samples with the smallest float margin)?");
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new InvalidInputException("hinge gamma " + gamma + " must be in [0, 1]. Maybe 0.5?");
        }
        if (inputs == null) {
            throw new InvalidInputException("inputs mode is missing. Maybe sequential or float?");
        }
    }

    /** @return true when the objective has a surrogate {@code G} (kind gap or hinge), whether or not it is weighted */
    public boolean hasSurrogate() {
        return kind != ObjectiveKind.RECONSTRUCTION;
    }

    /** @return true when {@code G} contributes to {@code J}: a surrogate with {@code lambda > 0} */
    public boolean weightsSurrogate() {
        return hasSurrogate() && lambda > 0;
    }

    /** @return the objective in words, with the values it reads, e.g. {@code hinge, lambda 1 (band 0.2, gamma 0.5)} */
    public String describe() {
        String inputsNote = inputs == InputsMode.SEQUENTIAL ? "" : ", " + inputs.id() + " inputs";
        if (!hasSurrogate()) {
            return kind.id() + inputsNote;
        }
        return kind.id() + ", lambda " + number(lambda) + " (band " + number(band) + (kind == ObjectiveKind.HINGE
                ? ", gamma " + number(gamma) : "") + inputsNote + ")";
    }

    /**
     * @return the shortest plain decimal of {@code value} ({@code 0.0001}, {@code 1}, {@code 0.1}), as variant ids,
     *     labels and descriptions print a setting, never {@code 1.0E-4}
     */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
