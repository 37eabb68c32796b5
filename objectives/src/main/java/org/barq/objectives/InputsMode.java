package org.barq.objectives;

import java.util.Arrays;
import java.util.Locale;
import org.barq.api.InvalidInputException;

/** Which inputs {@code X_q} the reconstruction term of a layer sees (FORMULATION §3.1). */
public enum InputsMode {
    /** {@code X_q} through the already rounded layers below (the default, sequential rounding). */
    SEQUENTIAL,
    /** {@code X_q = X_f}: the plain AdaRound objective {@code ||X (W - W^)^T||^2} on float inputs. */
    FLOAT;

    /** @return the name used on the command line, e.g. {@code sequential} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id {@code sequential} or {@code float}
     * @return the mode
     * @throws InvalidInputException naming the value and the choices
     */
    public static InputsMode parse(String id) {
        for (InputsMode m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown inputs mode '" + id + "'. Maybe one of: "
                + String.join(", ", Arrays.stream(values()).map(InputsMode::id).toList()) + "?");
    }
}
