package org.barq.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.ObjectiveTrace;
import org.barq.api.solver.OptionSpec;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.experiments.provenance.ModelMetadata;
import org.barq.solvers.SolverPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party solvers through {@code META-INF/services/org.barq.solvers.SolverPlugin}, as the README's "Add your own
 * solver" says: a plug-in runs in quantize and a study with its own option check; a plug-in that cannot be loaded, or
 * that fails or returns the wrong number of choices, is named.
 */
class SolverPluginTest {
    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("m.safetensors");
        assertEquals(0, Cli.run("train", "--hidden", "16", "--epochs", "2", "--out", model.toString()).exitCode());
    }

    @Test
    void aPluginSolverRunsAndItsOwnOptionCheckHoldsInAStudy() throws IOException {
        ClassLoader plugins = plugins("ok", UpSolverPlugin.class.getName());
        String[] listed = run(plugins, "solvers");
        assertTrue(listed[1].contains("always-up") && listed[1].contains("--option share=1"), listed[1]);
        Path out = dir.resolve("up.safetensors");
        String[] q = run(plugins, "quantize", "--model", model.toString(), "--bits", "4", "--solver", "always-up",
                "--out", out.toString());
        assertEquals("0", q[0], q[2]);
        // the codes depend on the plug-in's version, which its name does not say: the checkpoint names its code
        String source = Checkpoints.read(out).metadata().get(ModelMetadata.SOLVER_SOURCE);
        assertTrue(source != null && source.startsWith(UpSolver.class.getName() + " from "), "" + source);
        Path builtIn = dir.resolve("nearest.safetensors");
        assertEquals("0", run(plugins, "quantize", "--model", model.toString(), "--bits", "4", "--solver", "nearest",
                "--out", builtIn.toString())[0]);
        assertFalse(Checkpoints.read(builtIn).metadata().containsKey(ModelMetadata.SOLVER_SOURCE));
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                dataset: {spec: digits}
                model: {checkpoint: %s}
                bits: [4]
                solvers: [{name: always-up, options: {share: "2"}}]
                """.formatted(model));
        String[] study = run(plugins, "run", config.toString(), "--out", dir.resolve("bad").toString());
        assertEquals("2", study[0], study[1]);
        assertTrue(study[2].contains("solvers[0] (always-up): always-up option share=2.0 must lie in [0, 1]"),
                study[2]);
        assertFalse(Files.exists(dir.resolve("bad").resolve("results.jsonl")), "refused before any variant");
    }

    @Test
    void aPluginThatCannotBeLoadedIsNamedInOneLine() throws IOException {
        String[] missing = run(plugins("missing", "org.example.NoSuchPlugin"), "--version");
        assertEquals("2", missing[0]);
        assertEquals("barq: error: a plug-in on the class path could not be loaded: org.barq.solvers.SolverPlugin:"
                + " Provider org.example.NoSuchPlugin not found. Maybe remove its jar from the class path, or fix its"
                + " META-INF/services entry or bindings?", missing[2].strip());
        String[] clash = run(plugins("clash", ClashingPlugin.class.getName()), "solvers");
        assertEquals("2", clash[0]);
        assertTrue(clash[2].contains("Duplicate key \"greedy\" found in") && clash[2].strip().lines().count() == 1,
                clash[2]);
    }

    @Test
    void aPluginThatFailsOrAnswersWronglyIsNamedWithTheLayer() throws IOException {
        ClassLoader plugins = plugins("short", ShortPlugin.class.getName());
        String[] q = run(plugins, "quantize", "--model", model.toString(), "--bits", "4", "--solver", "short",
                "--out", dir.resolve("short.safetensors").toString());
        assertEquals("1", q[0]);
        // the plug-in's fault, said in one line naming it, not as one of barq's bugs
        assertTrue(q[2].startsWith("barq: error: solver short (" + ShortSolver.class.getName() + " from ")
                && q[2].contains(") returned an assignment of") && q[2].contains("for weight layer 0, which has")
                && q[2].contains("Maybe report it to the plug-in's author"), q[2]);
        assertEquals(1, q[2].strip().lines().count(), q[2]);
        assertFalse(Files.exists(dir.resolve("short.safetensors")));
        // in a study the solver entry is named: the failure shows on the small layer every solver is tried on first
        Path config = Files.writeString(dir.resolve("short.yaml"), """
                dataset: {spec: digits}
                model: {checkpoint: %s}
                bits: [4]
                solvers: [{name: nearest}, {name: short}]
                """.formatted(model));
        String[] study = run(plugins, "run", config.toString(), "--out", dir.resolve("short-study").toString(),
                "--jobs", "1");
        assertEquals("1", study[0], study[1]);
        assertTrue(study[2].startsWith("barq: error: config " + config + ": solvers[1] (short), on the 2 x 3 layer"
                + " every solver is tried on before a study: solver short ("), study[2]);
    }

    /** @return a class loader that sees one plug-in class name in its services file, as a plug-in jar would */
    private static ClassLoader plugins(String name, String pluginClass) throws IOException {
        Path root = dir.resolve("plugins-" + name);
        Path services = Files.createDirectories(root.resolve("META-INF/services"));
        Files.writeString(services.resolve(SolverPlugin.class.getName()), pluginClass + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, SolverPluginTest.class.getClassLoader());
    }

    private static String[] run(ClassLoader plugins, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BarqMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), plugins, args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** Rounds every weight up where it may, with an option it checks itself. */
    public static final class UpSolver implements Solver {
        private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor("always-up",
                "rounds every free weight up (a test plug-in)", List.of(new OptionSpec("share", "1",
                "the share of the weights to round up, 0 to 1")));

        @Override
        public SolverDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public void checkOptions(SolverOptions options) {
            double share = options.getDouble("share");
            if (share < 0 || share > 1) {
                throw new InvalidInputException("always-up option share=" + share + " must lie in [0, 1]. Maybe 1?");
            }
        }

        @Override
        public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
            boolean[] up = new boolean[objective.variables()];
            Arrays.fill(up, 0, (int) (up.length * context.options().getDouble("share")), true);
            ObjectiveTrace trace = new ObjectiveTrace();
            trace.record(0, objective.value());
            return new SolverResult(up, trace, 0);
        }
    }

    /** Returns one choice too few. */
    public static final class ShortSolver implements Solver {
        @Override
        public SolverDescriptor descriptor() {
            return new SolverDescriptor("short", "one choice too few (a test plug-in)", List.of());
        }

        @Override
        public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
            ObjectiveTrace trace = new ObjectiveTrace();
            trace.record(0, objective.value());
            return new SolverResult(new boolean[objective.variables() - 1], trace, 0);
        }
    }

    /** Registers {@link UpSolver}. */
    public static final class UpSolverPlugin implements SolverPlugin {
        @Override
        public Module module() {
            return binding("always-up", UpSolver.class);
        }
    }

    /** Registers {@link ShortSolver}. */
    public static final class ShortPlugin implements SolverPlugin {
        @Override
        public Module module() {
            return binding("short", ShortSolver.class);
        }
    }

    /** Takes a built-in solver's name. */
    public static final class ClashingPlugin implements SolverPlugin {
        @Override
        public Module module() {
            return binding("greedy", UpSolver.class);
        }
    }

    private static Module binding(String name, Class<? extends Solver> solver) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, Solver.class).addBinding(name).to(solver);
            }
        };
    }
}
