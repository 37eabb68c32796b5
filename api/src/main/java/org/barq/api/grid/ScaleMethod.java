package org.barq.api.grid;

import java.util.Arrays;
import java.util.Locale;
import org.barq.api.InvalidInputException;

/** How a row's grid scale {@code s_r} is chosen (FORMULATION §2 and §8). */
public enum ScaleMethod {
    /** {@code s_r = max_j |w_rj| / (2^(b-1) - 1)}. */
    ABSMAX,
    /** {@code s_r = alpha * absmax / (2^(b-1)-1)} with {@code alpha} from 1 down to 0.5 in 101 steps minimising the RTN error. */
    MSE;

    /** @return the name used on the command line and in checkpoints, e.g. {@code absmax} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id {@code absmax} or {@code mse}
     * @return the method
     * @throws InvalidInputException naming the value and the choices
     */
    public static ScaleMethod parse(String id) {
        for (ScaleMethod m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown grid '" + id + "'. Maybe one of: "
                + String.join(", ", Arrays.stream(values()).map(ScaleMethod::id).toList()) + "?");
    }
}
