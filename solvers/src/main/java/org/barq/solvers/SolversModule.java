package org.barq.solvers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.barq.api.solver.Solver;
import org.barq.solvers.adaround.AdaRoundSolver;
import org.barq.solvers.coordinatedescent.CoordinateDescentSolver;
import org.barq.solvers.gptq.GptqSolver;
import org.barq.solvers.greedy.GreedySolver;
import org.barq.solvers.localsearch.LocalSearchSolver;
import org.barq.solvers.nearest.NearestSolver;
import org.barq.solvers.pairsearch.PairSearchSolver;
import org.barq.solvers.stochastic.StochasticSolver;

/** Registers barq's own solvers by name. Does no I/O and holds no conditionals. */
public final class SolversModule extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, Solver> solvers = MapBinder.newMapBinder(binder(), String.class, Solver.class);
        solvers.addBinding(NearestSolver.NAME).to(NearestSolver.class);
        solvers.addBinding(StochasticSolver.NAME).to(StochasticSolver.class);
        solvers.addBinding(GreedySolver.NAME).to(GreedySolver.class);
        solvers.addBinding(CoordinateDescentSolver.NAME).to(CoordinateDescentSolver.class);
        solvers.addBinding(LocalSearchSolver.NAME).to(LocalSearchSolver.class);
        solvers.addBinding(AdaRoundSolver.NAME).to(AdaRoundSolver.class);
        solvers.addBinding(GptqSolver.NAME).to(GptqSolver.class);
        solvers.addBinding(PairSearchSolver.NAME).to(PairSearchSolver.class);
    }
}
