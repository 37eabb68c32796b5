package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Dataset;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.ScaleMethod;
import org.barq.experiments.pipeline.LayerReport;
import org.barq.experiments.pipeline.RoundedMetadata;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.objectives.InputsMode;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;
import picocli.CommandLine;

/** {@code barq quantize}: rounds every layer of a float checkpoint and writes the rounded checkpoint. */
@CommandLine.Command(name = "quantize", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Round every layer of a float model to a b-bit grid, first to last, and write the rounded checkpoint.")
final class QuantizeCommand implements Callable<Integer> {
    private final SequentialRounding rounding;

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Mixin
    private DataOptions data;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "FILE", description = "The float checkpoint.")
    private Path model;

    @CommandLine.Option(names = "--calibration", paramLabel = "SPEC",
            description = "Calibration data, used whole (e.g. csv:cal.csv). Default: the calibration split of --dataset.")
    private String calibration;

    @CommandLine.Option(names = "--bits", defaultValue = "4", description = "Bit width, 2 to 8.")
    private int bits;

    @CommandLine.Option(names = "--grid", defaultValue = "absmax", description = "Scale choice: absmax or mse.")
    private String grid;

    @CommandLine.Option(names = "--solver", defaultValue = "nearest", description = "Solver name; see 'barq solvers'.")
    private String solver;

    @CommandLine.Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A solver option, repeatable; see 'barq solvers'.")
    private Map<String, String> solverOptions = new TreeMap<>();

    @CommandLine.Option(names = "--objective", defaultValue = "reconstruction",
            description = "reconstruction, gap or hinge.")
    private String objective;

    @CommandLine.Option(names = "--lambda", defaultValue = "0", description = "Weight of the boundary-gap surrogate.")
    private double lambda;

    @CommandLine.Option(names = "--band", defaultValue = "0.2", description = "beta: the band's margin quantile.")
    private double band;

    @CommandLine.Option(names = "--gamma", defaultValue = "0.5", description = "The hinge surrogate's gamma.")
    private double gamma;

    @CommandLine.Option(names = "--inputs", defaultValue = "sequential",
            description = "X_q through the already rounded layers (sequential) or the float ones (float).")
    private String inputs;

    @CommandLine.Option(names = "--seed", defaultValue = "0", description = "Seed; each layer's solver seed is split from it.")
    private long seed;

    @CommandLine.Option(names = "--time-limit", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "Time budget per layer, ISO-8601 (PT30S) or seconds (30).", converter = DurationConverter.class)
    private Duration timeLimit;

    @CommandLine.Option(names = "--threads", defaultValue = "2", description = "Worker threads a solver may use.")
    private int threads;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The rounded checkpoint to write (.safetensors).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    QuantizeCommand(SequentialRounding rounding) {
        this.rounding = rounding;
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        ObjectiveSpec objectiveSpec = new ObjectiveSpec(ObjectiveKind.parse(objective), lambda, band, gamma,
                InputsMode.parse(inputs));
        RoundingPlan plan = new RoundingPlan(new GridSpec(bits, ScaleMethod.parse(grid)), solver,
                new TreeMap<>(solverOptions), objectiveSpec, seed, timeLimit, threads);
        rounding.validate(plan);
        LoadedCheckpoint source = Checkpoints.read(model);
        Dataset calibrationSet = calibration != null ? data.resolver().loadWhole(calibration)
                : data.splitsFor(source.metadata()).calibration();
        DataOptions.requireCompatible(source.model(), calibrationSet);
        console.printf("rounding %s to %d bits with %s on %s (%d samples)%n", model, bits, solver,
                calibrationSet.name(), calibrationSet.size());
        console.printf("%-5s %-10s %4s %9s %7s %12s %12s %12s %12s %8s%n", "layer", "shape", "bits", "variables",
                "fixed", "R(RTN)", "R", "G(RTN)", "G", "seconds");
        console.flush();
        RoundingOutcome outcome = rounding.run(source.model(), calibrationSet, plan, (r, total) -> {
            console.printf(java.util.Locale.ROOT, "%-5d %-10s %4d %9d %7d %12.6g %12.6g %12.6g %12.6g %8.2f%n",
                    r.layer(), r.out() + "x" + r.in(), r.bits(), r.variables(), r.fixed(), r.nearest().r(),
                    r.solution().r(), r.nearest().g(), r.solution().g(), r.seconds());
            console.flush();
        });
        SortedMap<String, String> metadata = RoundedMetadata.of(plan, source, calibrationSet, outcome);
        Checkpoints.writeRounded(out, outcome.rounded(), metadata);
        console.printf("wrote %s%n", out);
        console.flush();
        return 0;
    }

    /** Accepts ISO-8601 durations ({@code PT30S}) and plain seconds ({@code 30}, {@code 2.5}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                if (value.matches("[0-9]+(\\.[0-9]+)?s?")) {
                    double seconds = Double.parseDouble(value.replace("s", ""));
                    return Duration.ofNanos((long) (seconds * 1e9));
                }
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration: use seconds (30) or ISO-8601 (PT30S)");
            }
        }
    }
}
