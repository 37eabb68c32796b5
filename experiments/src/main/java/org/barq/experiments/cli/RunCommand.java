package org.barq.experiments.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.barq.api.InvalidInputException;
import org.barq.cluster.ClusterOptions;
import org.barq.report.ReportFiles;
import org.barq.experiments.study.FeaturesStudy;
import org.barq.experiments.study.RunFolder;
import org.barq.experiments.study.InputBitsStudy;
import org.barq.experiments.study.Progress;
import org.barq.experiments.study.RunSettings;
import org.barq.experiments.study.Study;
import org.barq.experiments.study.StudyRun;
import org.barq.experiments.study.config.ClusterConfig;
import org.barq.experiments.study.config.StudyConfigs;
import picocli.CommandLine;

/** {@code barq run}: every variant of a study config, in parallel, resumable; then the analyses. */
@CommandLine.Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Run a study: train or load the float model, round and evaluate every variant of CONFIG "
                + "(bits x solver x objective x lambda x seed) into OUT/results.jsonl, and write its report.",
                "Each variant appends one line to OUT/results.jsonl; then stopping.json, interpolation.json,"
                        + " pictures and the kept checkpoints are written.",
                "A run stopped mid-way continues where it stopped when started again with the same CONFIG and OUT.",
                "A config whose top level has input_bits: (configs/input-bits.yaml) is an input-bits study: networks"
                        + " trained behind each input quantizer at each bits per feature, test accuracy against bits,"
                        + " resumable. A config whose top level has features: (configs/features.yaml) is a features"
                        + " study instead: barq"
                        + " features on each data set's inputs and hidden layers, then OUT/report.html and summary.md;"
                        + " it starts over each time, moving an earlier run's files to OUT/superseded-<time>/.",
                "With --cluster the variants also run on the machines where 'barq worker --join HOST' was started"
                        + " (README, 'Run a study on several machines'); the lines are those of a run without it,"
                        + " plus the member that ran each."})
final class RunCommand implements Callable<Integer> {
    private final Study study;
    private final FeaturesStudy features;
    private final InputBitsStudy inputBits;

    @CommandLine.Mixin
    private VerboseOption verbose;

    @CommandLine.Parameters(index = "0", paramLabel = "CONFIG", description = "The study config (YAML), e.g. configs/digits.yaml.")
    private Path config;

    @CommandLine.Option(names = "--out", converter = OutputFolder.class, paramLabel = "DIR",
            description = "The run folder. Default: runs/<config name>.")
    private Path out;

    @CommandLine.Option(names = "--jobs", paramLabel = "N",
            description = "Variants of a rounding study rounded at the same time (a features or input-bits study"
                    + " trains one network at a time and refuses it). Default: 2 on two or more cores, else 1.")
    private Integer jobs;

    @CommandLine.Option(names = "--force-new",
            description = "Start a new study in OUT even when it holds one (of this or another config): the earlier "
                    + "study's files are moved to OUT/superseded-<time>/.")
    private boolean forceNew;

    @CommandLine.Option(names = "--cluster",
            description = "Coordinate a cluster: start an embedded member that hands variants to the workers that"
                    + " join it (barq worker --join HOST[:PORT]) and runs --jobs of them itself.")
    private boolean cluster;

    @CommandLine.Option(names = "--port", paramLabel = "PORT",
            description = "With --cluster: the port the coordinator listens on (exactly this one). Default: 5701.")
    private Integer port;

    @CommandLine.Mixin
    private ClusterFlags clusterFlags;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    RunCommand(Study study, FeaturesStudy features, InputBitsStudy inputBits) {
        this.study = study;
        this.features = features;
        this.inputBits = inputBits;
    }

    /**
     * The three kinds of study write report.html and summary.md into their folder; one run into another's folder
     * would replace those and leave the other's results beside them.
     */
    private static void requireNoOtherKind(Path folder, String kind) {
        String found = Files.isRegularFile(folder.resolve(RunFolder.PROVENANCE))
                || Files.isRegularFile(folder.resolve(RunFolder.RESULTS)) ? "rounding"
                : Files.isRegularFile(folder.resolve(InputBitsStudy.RESULTS)) ? "input-bits"
                : Files.isDirectory(folder.resolve(FeaturesStudy.FOLDER)) ? "features" : kind;
        if (!found.equals(kind)) {
            throw new InvalidInputException("run folder " + folder + " holds a " + found + " study, and the config"
                    + " is a " + kind + " study, whose report would replace the other's. Maybe another --out?");
        }
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        Path folder = out != null ? out : Path.of("runs", stem(config));
        String stray = cluster ? null : port != null ? "--port" : clusterFlags.name != null ? "--cluster-name"
                : clusterFlags.iface != null ? "--interface" : null;
        if (stray != null) {
            throw new InvalidInputException(stray + " is for a cluster run. Maybe add --cluster?");
        }
        if (cluster && (InputBitsStudy.isInputBits(config) || FeaturesStudy.isFeatures(config))) {
            throw new InvalidInputException("--cluster runs the variants of a rounding study, and " + config
                    + " is " + (FeaturesStudy.isFeatures(config) ? "a features" : "an input-bits") + " study. Maybe"
                    + " run it without --cluster?");
        }
        String kind = InputBitsStudy.isInputBits(config) ? "input-bits" : FeaturesStudy.isFeatures(config)
                ? "features" : "rounding";
        requireNoOtherKind(folder, kind);
        if (jobs != null && !kind.equals("rounding")) {
            throw new InvalidInputException("--jobs runs a rounding study's variants side by side, and " + config
                    + " is " + (kind.equals("features") ? "a features" : "an input-bits") + " study, which trains and"
                    + " analyses one network at a time. Maybe leave --jobs out?");
        }
        if (InputBitsStudy.isInputBits(config)) {
            return reported("input-bits", folder, console, () -> inputBits.run(config, folder, console, forceNew));
        }
        if (FeaturesStudy.isFeatures(config)) {
            return reported("features", folder, console, () -> features.run(config, folder, console));
        }
        int threads = jobs != null ? jobs : RunSettings.defaultJobs();
        RunSettings settings = new RunSettings(folder, threads, forceNew, clusterOptions(threads));
        console.printf("study %s -> %s (%d jobs%s)%n", config, folder, settings.jobs(),
                cluster ? " here, more on the workers" : "");
        console.flush();
        StudyRun run = study.run(config, settings, console, new Progress(console, System.console() != null));
        console.printf(Locale.ROOT, "finished %d variants (%d in this session) in %s%n", run.variants(), run.ran(),
                Progress.time(run.seconds()));
        console.printf("wrote %s: results.jsonl, provenance.json, config.resolved.yaml, model.safetensors%s%n",
                folder, run.written().isEmpty() ? "" : ", " + String.join(", ", run.written()));
        console.flush();
        return 0;
    }

    /** @return where the coordinator listens with --cluster, else null */
    private ClusterOptions clusterOptions(int threads) {
        if (!cluster) {
            return null;
        }
        ClusterConfig fromConfig = StudyConfigs.read(config).cluster();
        String name = clusterFlags.name != null ? clusterFlags.name
                : fromConfig != null ? fromConfig.name() : ClusterOptions.DEFAULT_NAME;
        // the member's threads are the jobs: named as the option the user gave, before ClusterOptions names threads
        RunSettings.requireJobs(threads);
        String iface = clusterFlags.iface != null ? clusterFlags.iface : "127.0.0.1";
        ClusterOptions.requireLocalInterface(iface);
        ClusterOptions options = new ClusterOptions(name, iface, port != null ? port : ClusterOptions.DEFAULT_PORT, 1,
                null, threads);
        options.requireFreePort();
        return options;
    }

    /** Runs a study that writes one report (features, input bits), saying where and how long it took. */
    private int reported(String kind, Path folder, PrintWriter console, java.util.function.Supplier<ReportFiles> run) {
        console.printf("%s study %s -> %s%n", kind, config, folder);
        console.flush();
        long start = System.nanoTime();
        ReportFiles report = run.get();
        console.printf("finished in %s; wrote %s and %s%n", Progress.time((System.nanoTime() - start) / 1e9),
                report.html(), report.summary());
        console.flush();
        return 0;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
