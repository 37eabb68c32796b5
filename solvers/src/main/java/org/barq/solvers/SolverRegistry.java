package org.barq.solvers;

import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.solver.Solver;

/** The solvers known to this run, by name, in name order. */
public final class SolverRegistry {
    private final SortedMap<String, Solver> solvers;

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

    /** @return every solver, in name order */
    public Collection<Solver> all() {
        return solvers.values();
    }
}
