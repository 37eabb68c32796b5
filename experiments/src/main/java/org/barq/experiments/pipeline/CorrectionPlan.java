package org.barq.experiments.pipeline;

import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.corrections.CorrectionRegistry;

/**
 * Which correction of the logits to fit after rounding, if any.
 *
 * @param name    a registered correction, or {@link CorrectionRegistry#NONE}
 * @param options its options as given, sorted by key
 * @param seed    the seed of its fit (k-means++ draws from its own generator seeded with it)
 */
public record CorrectionPlan(String name, SortedMap<String, String> options, long seed) {
    /** Copies the options; no options without a correction. */
    public CorrectionPlan {
        options = new TreeMap<>(options);
        if (name.equals(CorrectionRegistry.NONE) && !options.isEmpty()) {
            throw new InvalidInputException("correction options " + options + " were given without a correction."
                    + " Maybe add --correction cat?");
        }
    }

    /** @return no correction */
    public static CorrectionPlan none() {
        return new CorrectionPlan(CorrectionRegistry.NONE, new TreeMap<>(), 0);
    }

    /** @return whether a correction is fitted */
    public boolean fits() {
        return !name.equals(CorrectionRegistry.NONE);
    }
}
