package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.barq.api.correction.CorrectionFitter;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.Solver;
import org.barq.corrections.CorrectionRegistry;
import org.barq.solvers.SolverRegistry;
import picocli.CommandLine;

/** {@code barq solvers}: every registered solver with its description and options. */
@CommandLine.Command(name = "solvers", mixinStandardHelpOptions = true,
        description = "List the registered rounding solvers and logit corrections, with their options and defaults.")
final class SolversCommand implements Callable<Integer> {
    private final SolverRegistry registry;
    private final CorrectionRegistry corrections;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    SolversCommand(SolverRegistry registry, CorrectionRegistry corrections) {
        this.registry = registry;
        this.corrections = corrections;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (Solver s : registry.all()) {
            out.printf("%-20s %s%s%n", s.descriptor().name(), s.descriptor().description(),
                    s.descriptor().minimisesJ() ? "" : " (ignores a surrogate: use it with lambda 0)");
            for (OptionSpec o : s.descriptor().options()) {
                out.printf("    --option %s=%s  %s%n", o.name(), o.defaultValue(), o.description());
            }
        }
        out.printf("%ncorrections (quantize --correction NAME):%n");
        for (CorrectionFitter c : corrections.all()) {
            out.printf("%-20s %s%n", c.descriptor().name(), c.descriptor().description());
            for (OptionSpec o : c.descriptor().options()) {
                out.printf("    --correction-option %s=%s  %s%n", o.name(), o.defaultValue(), o.description());
            }
        }
        out.flush();
        return 0;
    }
}
