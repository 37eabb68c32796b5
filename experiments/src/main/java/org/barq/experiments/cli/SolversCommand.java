package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.Solver;
import org.barq.solvers.SolverRegistry;
import picocli.CommandLine;

/** {@code barq solvers}: every registered solver with its description and options. */
@CommandLine.Command(name = "solvers", mixinStandardHelpOptions = true,
        description = "List the registered rounding solvers, with their options and defaults.")
final class SolversCommand implements Callable<Integer> {
    private final SolverRegistry registry;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    SolversCommand(SolverRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (Solver s : registry.all()) {
            out.printf("%-20s %s%n", s.descriptor().name(), s.descriptor().description());
            for (OptionSpec o : s.descriptor().options()) {
                out.printf("    --option %s=%s  %s%n", o.name(), o.defaultValue(), o.description());
            }
        }
        out.flush();
        return 0;
    }
}
