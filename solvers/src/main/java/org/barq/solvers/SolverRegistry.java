package org.barq.solvers;

import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.PluginSource;
import org.barq.api.solver.Solver;

/** The solvers known to this run, by name, in name order. */
public final class SolverRegistry {
    private final SortedMap<String, Solver> solvers;
    /** {@link #source} of each solver asked about, by name. */
    private final SortedMap<String, Optional<String>> sources = new TreeMap<>();

    /**
     * @param bound the {@code MapBinder<String, Solver>} contents
     * @throws IllegalStateException if a key differs from its solver's declared name
     */
    @Inject
    public SolverRegistry(Map<String, Solver> bound) {
        this.solvers = new TreeMap<>(bound);
        solvers.forEach((key, solver) -> {
            if (!key.equals(solver.descriptor().name())) {
                throw new IllegalStateException("solver bound as '" + key + "' declares the name '"
                        + solver.descriptor().name() + "'");
            }
        });
    }

    /**
     * @param name a solver name
     * @return the solver
     * @throws InvalidInputException naming the unknown solver and listing the known ones
     */
    public Solver get(String name) {
        Solver s = solvers.get(name);
        if (s == null) {
            throw new InvalidInputException("unknown solver '" + name + "'. Maybe one of: "
                    + String.join(", ", solvers.keySet()) + "?");
        }
        return s;
    }

    /**
     * Where a plug-in solver's code came from, so that an output can say which jar made it: a solver's codes depend on
     * the plug-in's version, which its name and options do not record.
     *
     * @param name a solver name
     * @return the class and its jar's name and SHA-256 for a solver loaded from elsewhere than barq's own code; empty
     *         for a built-in solver
     */
    public synchronized Optional<String> source(String name) {
        // a plug-in's jar is read and hashed once per run, not once per rounding
        return sources.computeIfAbsent(name, n -> PluginSource.of(get(n).getClass(), SolverRegistry.class));
    }

    /** @return every solver, in name order */
    public Collection<Solver> all() {
        return solvers.values();
    }
}
