package org.barq.experiments.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.barq.corrections.CorrectionRegistry;
import org.barq.experiments.BarqModule;
import org.barq.solvers.SolverPlugins;
import org.barq.solvers.SolverRegistry;
import picocli.CommandLine;

/** The {@code barq} command line. Creates the one Guice injector and hands commands to picocli. */
@CommandLine.Command(name = "barq", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Boundary-aware rounding for quantization: train, round, evaluate and compare.",
        subcommands = {TrainCommand.class, QuantizeCommand.class, EvaluateCommand.class, EncodeCommand.class, InterpolateCommand.class,
                StopCommand.class, SolversCommand.class, FeaturesCommand.class, RunCommand.class, WorkerCommand.class, ReproduceCommand.class, ImportCommand.class,
                ExportCommand.class, ViewCommand.class, CommandLine.HelpCommand.class})
public final class BarqMain implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs one command line and returns its exit code: 0 on success, 2 on bad input, 1 on an internal failure or
     * when memory runs out.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs one command line with the given streams, as {@link #execute(String...)}.
     *
     * @param out  normal output
     * @param err  errors
     * @param args the command line
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, BarqMain.class.getClassLoader(), args);
    }

    /** As {@link #execute(PrintWriter, PrintWriter, String...)}, finding plug-ins through {@code plugins}. */
    static int execute(PrintWriter out, PrintWriter err, ClassLoader plugins, String... args) {
        NativeThreads.pin();
        Injector injector;
        try {
            injector = Guice.createInjector(modules(plugins));
            // built now, so that a plug-in's bad binding is said here rather than deep inside a command's creation
            injector.getInstance(SolverRegistry.class);
            injector.getInstance(CorrectionRegistry.class);
        } catch (ServiceConfigurationError | CreationException | ProvisionException e) {
            err.println("barq: error: a plug-in on the class path could not be loaded: " + PluginErrors.describe(e)
                    + ". Maybe remove its jar from the class path, or fix its META-INF/services entry or bindings?");
            return ErrorHandler.BAD_INPUT;
        }
        CommandLine cli = new CommandLine(BarqMain.class, new GuiceFactory(injector));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; an Error from the command's own thread arrives here
            return ErrorHandler.outOfMemory(e, err);
        }
    }

    private static List<Module> modules(ClassLoader plugins) {
        List<Module> modules = new ArrayList<>();
        modules.add(new BarqModule());
        modules.addAll(SolverPlugins.modules(plugins));
        return modules;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
