package org.barq.objectives;

import java.util.Arrays;
import java.util.Locale;
import org.barq.api.InvalidInputException;

/** Which surrogate {@code G} joins the reconstruction term {@code R} in a layer's objective (FORMULATION §3.2). */
public enum ObjectiveKind {
    /** {@code R} alone: no surrogate, {@code G = 0}, {@code lambda} ignored. */
    RECONSTRUCTION,
    /** {@code G = mean_B (m(x; u) - m_f(x))^2}: keep the band's gaps where the float model had them. */
    GAP,
    /** {@code G = mean_B max(0, gamma m_f(x) - m(x; u))^2}: penalise gaps that shrink towards a pair-order flip. */
    HINGE;

    /** @return the name used on the command line and in checkpoints, e.g. {@code gap} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id {@code reconstruction}, {@code gap} or {@code hinge}
     * @return the kind
     * @throws InvalidInputException naming the value and the choices
     */
    public static ObjectiveKind parse(String id) {
        for (ObjectiveKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new InvalidInputException("unknown objective '" + id + "'. Maybe one of: "
                + String.join(", ", Arrays.stream(values()).map(ObjectiveKind::id).toList()) + "?");
    }
}
