package org.barq.solvers.coordinatedescent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.barq.api.InvalidInputException;

/** The order in which a sweep visits the variables. */
public enum SweepOrder {
    /** Variable index order, every sweep. */
    CYCLIC,
    /** A fresh seeded permutation every sweep. */
    RANDOM;

    /** @return the option value, e.g. {@code cyclic} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return every option value, in declaration order */
    public static List<String> ids() {
        return Arrays.stream(values()).map(SweepOrder::id).toList();
    }

    /**
     * @param id {@code cyclic} or {@code random}
     * @return the order
     * @throws InvalidInputException naming the value and the choices
     */
    public static SweepOrder parse(String id) {
        for (SweepOrder o : values()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        throw new InvalidInputException("coordinate-descent option order=" + id + " is not valid. Maybe one of: "
                + String.join(", ", ids()) + "?");
    }
}
