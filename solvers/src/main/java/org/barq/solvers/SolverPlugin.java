package org.barq.solvers;

import com.google.inject.Module;

/**
 * The {@link java.util.ServiceLoader} entry point for third-party solvers. A jar on the class path lists its
 * implementation in {@code META-INF/services/org.barq.solvers.SolverPlugin}; barq installs the returned module, which
 * adds solvers with {@code MapBinder.newMapBinder(binder(), String.class, Solver.class).addBinding(name)}.
 */
public interface SolverPlugin {
    /** @return the module that registers the plug-in's solvers */
    Module module();
}
