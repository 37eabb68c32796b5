package org.barq.corrections;

import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.PluginSource;
import org.barq.api.correction.CorrectionFitter;

/** The logit corrections known to this run, by name, in name order. */
public final class CorrectionRegistry {
    /** The name that means "no correction" wherever a correction is chosen. */
    public static final String NONE = "none";

    private final SortedMap<String, CorrectionFitter> fitters;
    /** {@link #source} of each correction asked about, by name. */
    private final SortedMap<String, Optional<String>> sources = new TreeMap<>();

    /**
     * @param bound the {@code MapBinder<String, CorrectionFitter>} contents
     * @throws IllegalStateException if a key differs from its fitter's declared name
     */
    @Inject
    public CorrectionRegistry(Map<String, CorrectionFitter> bound) {
        this.fitters = new TreeMap<>(bound);
        fitters.forEach((key, fitter) -> {
            if (!key.equals(fitter.descriptor().name()) || key.equals(NONE)) {
                throw new IllegalStateException("correction bound as '" + key + "' declares the name '"
                        + fitter.descriptor().name() + "'");
            }
        });
    }

    /**
     * @param name a correction name other than {@link #NONE}
     * @return its fitter
     * @throws InvalidInputException naming the unknown correction and listing the known ones
     */
    public CorrectionFitter get(String name) {
        CorrectionFitter f = fitters.get(name);
        if (f == null) {
            throw new InvalidInputException("unknown correction '" + name + "'. Maybe one of: " + NONE + ", "
                    + String.join(", ", fitters.keySet()) + "?");
        }
        return f;
    }

    /**
     * @param name a correction name other than {@link #NONE}
     * @return a plug-in correction's class, jar and the jar's SHA-256 ({@link PluginSource}); empty for a built-in one
     * @throws InvalidInputException naming the unknown correction
     */
    public synchronized Optional<String> source(String name) {
        // read and hashed once per run
        return sources.computeIfAbsent(name, n -> PluginSource.of(get(n).getClass(), CorrectionRegistry.class));
    }

    /** @return every fitter, in name order */
    public Collection<CorrectionFitter> all() {
        return fitters.values();
    }
}
