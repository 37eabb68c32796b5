package org.barq.solvers.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.ObjectiveTrace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.SolverPlugin;

/** A third-party plug-in as a jar would ship it: listed in the test class path's META-INF/services. */
public final class ExamplePlugin implements SolverPlugin {
    /** The name its solver registers under. */
    public static final String NAME = "example-plugin";

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, Solver.class).addBinding(NAME).to(KeepSolver.class);
            }
        };
    }

    /** Returns the objective's state unchanged. */
    public static final class KeepSolver implements Solver {
        @Override
        public SolverDescriptor descriptor() {
            return new SolverDescriptor(NAME, "keeps the start", List.of());
        }

        @Override
        public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
            ObjectiveTrace trace = new ObjectiveTrace();
            trace.record(0, objective.value());
            return new SolverResult(objective.assignment(), trace, 0);
        }
    }
}
