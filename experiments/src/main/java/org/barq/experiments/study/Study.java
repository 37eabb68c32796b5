package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.grid.GridSpec;
import org.barq.api.model.Architecture;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.data.Splits;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.OutputPassPlan;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.pipeline.SolverFailedException;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.api.model.Network;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.report.ReportFiles;
import org.barq.report.ReportWriter;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.barq.experiments.training.Trainer;
import org.barq.solvers.SolverRegistry;

/**
 * Runs a study ({@code barq run}): validates the config against the solvers, makes the float model once, rounds and
 * evaluates every unfinished variant in parallel (on this JVM's threads, or across a cluster when
 * {@link RunSettings#cluster()} is set), appending one line per variant to {@code results.jsonl}, and
 * then writes the analyses ({@code stopping.json}, {@code interpolation.json}, pictures, kept checkpoints) and the
 * report ({@code report.html}, {@code summary.md}).
 *
 * <p>Resumable: a folder that already holds results of the same resolved config (same SHA-256) continues where it
 * stopped; one of another config is refused unless {@code forceNew}, which moves its files aside.
 */
public final class Study {
    private final SequentialRounding rounding;
    private final SolverRegistry registry;
    private final LogitCorrections corrections;

    /**
     * @param rounding    the rounding pipeline
     * @param registry    the solvers known to this run
     * @param corrections the correction stage after rounding
     */
    @Inject
    public Study(SequentialRounding rounding, SolverRegistry registry, LogitCorrections corrections) {
        this.rounding = rounding;
        this.registry = registry;
        this.corrections = corrections;
    }

    /** @return the study with its solvers resolved, after checking solvers and corrections against the registries */
    private StudyConfig validated(StudyConfig read, Path configFile) {
        try {
            StudyConfig config = StudyValidation.resolve(read, registry, rounding).withoutCluster();
            StudyValidation.requireCorrections(config, corrections);
            return config;
        } catch (InvalidInputException e) {
            throw new InvalidInputException("config " + configFile + ": " + e.getMessage(), e);
        } catch (SolverFailedException e) {
            throw new SolverFailedException("config " + configFile + ": " + e.getMessage(), e.plugin(), e);
        }
    }

    /**
     * @param configFile the YAML study config
     * @param settings   folder, jobs, force-new
     * @param console    where the model's training and the summary are printed
     * @param listener   told of each finished variant (the progress bar)
     * @return what the run did
     * @throws InvalidInputException for a bad config, a folder of another study, or data and model that changed
     */
    public StudyRun run(Path configFile, RunSettings settings, PrintWriter console, StudyListener listener) {
        long start = System.nanoTime();
        StudyConfig read = StudyConfigs.read(configFile);
        StudyConfig config = validated(read, configFile);
        if (read.cluster() != null && settings.cluster() == null) {
            // a config may serve local and cluster runs alike, so the section is not refused; but not dropped silently
            console.println("note: cluster.name " + read.cluster().name() + " names the cluster of a --cluster run,"
                    + " and this run is local, so it is not used. Maybe --cluster to run the study on it?");
        }
        String yaml = StudyConfigs.toYaml(config);
        String configSha = StudyConfigs.sha256(yaml);
        List<Variant> variants = Variants.of(config);
        RunFolder folder = new RunFolder(settings.out());

        // the split is known before the run folder is touched (even --force-new's move): the checks that need its
        // sizes refuse a bad config before anything is written or trained
        Splits splits = splits(config);
        try {
            StudyValidation.requireFoldsWithin(config, splits.calibration().size());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("config " + configFile + ": " + e.getMessage(), e);
        }
        StudyValidation.requireCorrections(config, corrections, splits.train().classes());
        Provenance.Recorded recorded = recorded(folder, configSha, configFile, settings.forceNew(), console);
        if (config.dataset().calibrationMax() != null) {
            config.dataset().splitSpec().shortOfCap(splits.calibration().size(), "dataset.calibration_max")
                    .ifPresent(console::println);
        }
        if (config.solvers().stream().anyMatch(solver -> solver.outputPassPlan().isPresent())) {
            OutputPassPlan.smallCalibrationNote(splits.calibration().size(),
                    config.dataset().splitSpec().calibrationMax(), "dataset: {calibration_max: "
                    + OutputPassPlan.MEASURED_SAMPLES + "} (20 % of the training data at most)", "use a data set with more samples")
                    .ifPresent(console::println);
        }
        if (recorded != null && !recorded.datasetSha256().equals(splits.train().checksum())) {
            throw new InvalidInputException("data set " + config.dataset().spec() + " now has sha256 "
                    + FloatModels.abbreviate(splits.train().checksum()) + " but this run folder recorded "
                    + FloatModels.abbreviate(recorded.datasetSha256()) + ". Maybe restore the data, or pass"
                    + " --force-new to start over?");
        }
        String recordedModel = recorded == null ? null : recorded.modelSha256();
        requireGroupSizeBeforeTraining(config, splits, FloatModels.reusable(folder.model(), recordedModel));
        LoadedCheckpoint model = FloatModels.obtain(config, splits, folder.model(), recordedModel, console);
        requireFits(model.network(), config);
        Map<String, Double> floatAccuracy = floatAccuracy(model, splits);
        Provenance provenance = provenance(config, configSha, configFile, splits, model, floatAccuracy);
        AtomicFiles.write(folder.resolvedConfig(), yaml.getBytes(StandardCharsets.UTF_8));
        if (recorded == null) {
            provenance.write(folder.provenance());
        }
        StudyContext context = new StudyContext(config, model, splits, config.evaluation().options(),
                provenance.reference());
        VariantRunner runner = new VariantRunner(rounding, corrections, context);
        Set<String> wanted = new HashSet<>();
        InterpolationAnalysis.needed(config, variants).forEach(v -> wanted.add(v.id()));
        SlicePictures.needed(config, variants).forEach(v -> wanted.add(v.id()));
        List<Variant> viewed = StudyView.needed(config, variants);
        viewed.forEach(v -> wanted.add(v.id()));
        List<String> keepsNothing = config.outputs().keepCheckpoints().unmatched(variants.stream().map(Variant::id)
                .toList());
        if (!keepsNothing.isEmpty()) {
            console.println("note: outputs.keep_checkpoints " + keepsNothing + " match no variant id (e.g. "
                    + variants.get(0).id() + "), so they keep no checkpoint. Maybe ** where * stops at a /, e.g. \""
                    + "b" + config.bits().get(0) + "/**\"?");
        }
        if (variants.stream().noneMatch(Variant::pureReconstruction)) {
            console.println("note: the report's tables compare the methods at lambda 0, and this study has no variant"
                    + " there, so they will be empty (results.jsonl holds every variant). Maybe add {kind:"
                    + " reconstruction} to objectives?");
        }
        if (!config.outputs().plots()) {
            console.println("note: no boundary viewer (view.html) and no slice pictures: outputs.plots is false. Maybe"
                    + " plots: true?");
        } else if (viewed.isEmpty()) {
            console.println("note: no boundary viewer (view.html): it shows each solver's rounding at lambda 0 of the"
                    + " first seed, and this study has none. Maybe add {kind: reconstruction} to objectives?");
        }
        if (config.interpolation().enabled() && config.interpolation().pairs().isEmpty()) {
            // a pair must be adjacent, so the hint adds a width (2..8) next to the first one
            int first = config.bits().get(0);
            int next = first < GridSpec.MAX_BITS ? first + 1 : first - 1;
            console.println("note: no interpolation: it runs between neighbouring widths (b, b + 1), and bits "
                    + config.bits() + " has none. Maybe add " + next + " to bits, or interpolation: {enabled:"
                    + " false}?");
        }
        RoundedModels models = new RoundedModels(runner, context, folder.checkpoints(), wanted,
                config.outputs().keepCheckpoints().keepsBest());

        Map<String, JsonNode> done = ResultsFile.load(folder.results());
        List<Variant> pending = variants.stream().filter(v -> !done.containsKey(v.id())).toList();
        listener.started(variants.size(), variants.size() - pending.size());
        VariantExecutor executor = settings.cluster() == null ? new LocalVariants(settings.jobs(), runner)
                : clustered(settings, context, configSha, yaml, folder, models, listener, console);
        runVariants(pending, executor, models, config, listener, folder);
        if (!pending.isEmpty()) {
            ResultsFile.orderBy(folder.results(), variants.stream().map(Variant::id).toList());
        }

        Map<String, JsonNode> lines = ResultsFile.load(folder.results());
        List<String> written = analyse(context, variants, viewed, lines, models, folder, floatAccuracy);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new StudyRun(folder, variants.size(), pending.size(), seconds, written);
    }

    /**
     * A group size or an output pass that does not fit the architecture is refused before training, which may take
     * minutes, and before a given checkpoint is copied into the run folder. A resumed run checks the copy it reuses,
     * so that the original file need not be where it was.
     */
    private static void requireGroupSizeBeforeTraining(StudyConfig config, Splits splits,
                                                       Optional<LoadedCheckpoint> reused) {
        if (reused.isPresent()) {
            requireFits(reused.get().network(), config);
            return;
        }
        if (config.model().train() == null) {
            requireFits(FloatModels.given(config, splits).network(), config);
            return;
        }
        int classes = splits.train().classes();
        // Only the layers' kinds and widths matter here: the skeleton's weights are zeros and its scaling is never used.
        requireFits(Architecture.parse(config.model().train().options().architecture(classes), splits.train().shape(),
                classes, InputScaling.uniform(1)), config);
    }

    private static void requireFits(Network network, StudyConfig config) {
        for (SolverConfig solver : config.solvers()) {
            SequentialRounding.requireFits(network, config.gridSpec(config.bits().get(0)), solver.outputPassPlan());
        }
    }

    /** @return the data set's splits, as the config names them */
    static Splits splits(StudyConfig config) {
        return config.dataset().resolver().resolve(config.dataset().spec(), config.dataset().splitSpec(),
                config.dataset().splitSeed());
    }

    private static Provenance.Recorded recorded(RunFolder folder, String configSha, Path configFile, boolean forceNew,
                                                PrintWriter console) {
        boolean hasProvenance = Files.exists(folder.provenance());
        Provenance.Recorded recorded = hasProvenance ? Provenance.Recorded.read(folder.provenance()) : null;
        boolean foreign = recorded != null ? !recorded.configSha256().equals(configSha) : folder.hasResults();
        if (forceNew) {
            folder.supersede(console);
            return null;
        }
        if (foreign) {
            throw new InvalidInputException(recorded != null
                    ? "run folder " + folder.root() + " holds a study of another config (resolved config sha256 "
                    + FloatModels.abbreviate(recorded.configSha256()) + ", " + configFile + " gives "
                    + FloatModels.abbreviate(configSha) + "). Maybe another --out, or --force-new to move it aside"
                    + " and start over?"
                    : "run folder " + folder.root() + " holds " + RunFolder.RESULTS + " but no " + RunFolder.PROVENANCE
                    + ". Maybe another --out, or --force-new to move them aside and start over?");
        }
        if (recorded != null) {
            console.printf("resuming the study in %s%n", folder.root());
        }
        return recorded;
    }

    private static Map<String, Double> floatAccuracy(LoadedCheckpoint model, Splits splits) {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        accuracy.put("calibration", Trainer.accuracy(model.network(), splits.calibration()));
        accuracy.put("test", Trainer.accuracy(model.network(), splits.test()));
        return accuracy;
    }

    private static Provenance provenance(StudyConfig config, String configSha, Path configFile, Splits splits,
                                         LoadedCheckpoint model, Map<String, Double> floatAccuracy) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("train", splits.train().size());
        sizes.put("calibration", splits.calibration().size());
        sizes.put("test", splits.test().size());
        return new Provenance(configSha, StudyConfigs.toTree(config), configFile.toString(), Provenance.now(),
                config.seeds(), config.dataset().splitSeed(),
                config.model().train() == null ? null : config.model().train().seed(), config.dataset().spec(),
                splits.train().checksum(), sizes, model.sha256(),
                config.model().train() == null ? "checkpoint:" + config.model().checkpoint() : "trained",
                model.network().spec(), model.network().asMlp().map(Mlp::sizes).orElse(null), floatAccuracy,
                BuildInfo.current());
    }

    private ClusteredVariants clustered(RunSettings settings, StudyContext context, String configSha, String yaml,
                                        RunFolder folder, RoundedModels models, StudyListener listener,
                                        PrintWriter console) {
        String modelSha = context.model().sha256();
        String datasetSha = context.splits().train().checksum();
        byte[] modelBytes;
        try {
            modelBytes = Files.readAllBytes(folder.model());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + folder.model() + ": " + e.getMessage() + ".", e);
        }
        VariantHandler handler = VariantHandler.forCoordinator(rounding, corrections, context,
                configSha + "/" + modelSha + "/" + datasetSha, models::offer);
        SortedMap<String, String> plugins = VariantHandler.pluginSources(rounding, corrections, context.config());
        return new ClusteredVariants(settings.cluster(), handler, v -> new VariantTask(yaml, v.id(), datasetSha,
                modelSha, modelBytes, context.provenance(),
                context.config().outputs().keepCheckpoints().keepsAtOnce(v.id()), plugins), listener, console);
    }

    /**
     * Appends each finished variant's line (once, from whichever thread or member finished it) and writes its
     * checkpoint when the study keeps it at once: from the bytes a member sent, or from the rounding held here.
     */
    private static void runVariants(List<Variant> pending, VariantExecutor executor, RoundedModels models,
                                    StudyConfig config, StudyListener listener, RunFolder folder) {
        if (pending.isEmpty()) {
            return;
        }
        ResultsFile results = ResultsFile.openForAppend(folder.results());
        try {
            executor.run(pending, completed -> {
                Variant v = completed.variant();
                if (config.outputs().keepCheckpoints().keepsAtOnce(v.id())) {
                    if (completed.checkpoint() != null) {
                        AtomicFiles.write(models.checkpoint(v), completed.checkpoint());
                    } else {
                        models.keep(v, completed.outcome());
                    }
                }
                if (completed.outcome() != null) {
                    models.offer(v, completed.outcome());
                }
                results.append(StudyJson.line(completed.line()));
                synchronized (listener) {
                    listener.variantDone(v, completed.line());
                }
            });
        } finally {
            results.close();
        }
    }

    private static List<String> analyse(StudyContext context, List<Variant> variants, List<Variant> viewed,
                                        Map<String, JsonNode> lines, RoundedModels models, RunFolder folder,
                                        Map<String, Double> floatAccuracy) {
        StudyConfig config = context.config();
        List<String> written = new ArrayList<>();
        if (config.stopping().enabled()) {
            StoppingAnalysis.write(config, variants, lines, floatAccuracy, folder.stopping());
            written.add(folder.root().relativize(folder.stopping()).toString());
        }
        if (config.interpolation().enabled()) {
            InterpolationAnalysis.write(context, variants, models, folder);
            written.add(folder.root().relativize(folder.interpolation()).toString());
        }
        if (config.outputs().plots()) {
            SlicePictures.write(context, variants, models, folder);
            written.add(folder.root().relativize(folder.plots()).toString() + "/");
            if (!viewed.isEmpty()) {
                written.add(folder.root().relativize(StudyView.write(context, viewed, lines, models, folder))
                        .toString());
            }
        }
        if (config.outputs().keepCheckpoints().keepsBest()) {
            for (Variant v : best(variants, lines)) {
                written.add(folder.root().relativize(models.keep(v)).toString());
            }
        }
        ReportFiles report = ReportWriter.write(folder.root());
        written.add(folder.root().relativize(report.html()).toString());
        written.add(folder.root().relativize(report.summary()).toString());
        return written;
    }

    /**
     * @return per bit width (in the study's order), the variant with the highest calibration accuracy, then the lowest
     *         calibration slice-boundary Jaccard, then the lowest index
     */
    static List<Variant> best(List<Variant> variants, Map<String, JsonNode> lines) {
        Comparator<Variant> order = Comparator
                .comparingDouble((Variant v) -> -Metrics.of(lines.get(v.id()), "calibration", "accuracy_rounded"))
                .thenComparingDouble(v -> Metrics.of(lines.get(v.id()), "calibration", "boundary_jaccard"))
                .thenComparingInt(Variant::index);
        Map<Integer, Variant> best = new LinkedHashMap<>();
        for (Variant v : variants) {
            best.merge(v.bits(), v, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        return List.copyOf(best.values());
    }
}
