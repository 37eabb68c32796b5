package org.barq.objectives.output;

import java.util.Locale;
import java.util.Optional;
import org.barq.api.InvalidInputException;

/**
 * What reconstruction the output pass weighs its pair-gap error against (issue 20).
 */
public enum OutputMatching {
    /** The two layers' summed reconstruction {@code R} (FORMULATION §3.1), each layer's output matched. */
    LAYERS,
    /**
     * The logits' reconstruction alone (the last layer's {@code R}, sequential inputs): block output matching, as
     * BRECQ and AutoRound do; the hidden layer is free to change where the logits do not see it.
     */
    LOGITS;

    /** The names there are, as a hint: {@value}. */
    public static final String HINT = "layers or logits";

    /** @return the name in configs and checkpoints: {@code layers} or {@code logits} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id {@code layers} or {@code logits}
     * @return the matching
     * @throws InvalidInputException for any other name
     */
    public static OutputMatching of(String id) {
        return find(id).orElseThrow(() -> new InvalidInputException("output pass matching '" + id
                + "' is not known. Maybe " + HINT + "?"));
    }

    /**
     * @param id a name
     * @return the matching of that name, if there is one
     */
    public static Optional<OutputMatching> find(String id) {
        for (OutputMatching m : values()) {
            if (m.id().equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
