package org.barq.solvers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.barq.api.solver.Solver;
import org.barq.solvers.nearest.NearestSolver;

/** Registers barq's own solvers by name. Does no I/O and holds no conditionals. */
public final class SolversModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, Solver> solvers = MapBinder.newMapBinder(binder(), String.class, Solver.class);
        solvers.addBinding(NearestSolver.NAME).to(NearestSolver.class);
    }
}
