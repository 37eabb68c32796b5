package org.barq.experiments.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.barq.api.InvalidInputException;
import org.barq.api.Sha256;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Splits;
import org.barq.cluster.TaskHandler;
import org.barq.cluster.TaskRefusedException;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.provenance.BuildInfo;
import org.barq.experiments.study.config.CorrectionConfig;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;

/**
 * Rounds the variants that a cluster sends to this member ({@link VariantTask} in, {@link VariantTask.Result} out).
 * The study's context (config, data, float model, float references) is built once per study from the first task
 * and kept; a member whose barq build, data set checksum or plug-ins differ from the coordinator's refuses the study's
 * tasks (one line here, one line on the coordinator) rather than write lines that do not match a local run.
 */
public final class VariantHandler implements TaskHandler {
    private static final String BUILT_IN = "built in";
    private static final String MISSING = "missing";
    private static final String SOLVER = "solver ";
    private static final String CORRECTION = "correction ";

    private final SequentialRounding rounding;
    private final LogitCorrections corrections;
    private final Consumer<String> log;
    private final BiConsumer<Variant, RoundingOutcome> rounded;
    private Prepared prepared;

    /**
     * A worker's handler.
     *
     * @param rounding    the rounding pipeline
     * @param corrections the correction stage
     * @param log         one line per variant run and per refusal
     */
    public VariantHandler(SequentialRounding rounding, LogitCorrections corrections, Consumer<String> log) {
        this(rounding, corrections, log, (v, o) -> { }, null);
    }

    private VariantHandler(SequentialRounding rounding, LogitCorrections corrections, Consumer<String> log,
                           BiConsumer<Variant, RoundingOutcome> rounded, Prepared prepared) {
        this.rounding = rounding;
        this.corrections = corrections;
        this.log = log;
        this.rounded = rounded;
        this.prepared = prepared;
    }

    /**
     * The coordinator's handler: it already holds the study, and hands the roundings it makes to the study's
     * {@link RoundedModels} so that the analyses need not round them again.
     */
    static VariantHandler forCoordinator(SequentialRounding rounding, LogitCorrections corrections,
                                         StudyContext context, String studyKey,
                                         BiConsumer<Variant, RoundingOutcome> rounded) {
        return new VariantHandler(rounding, corrections, line -> { }, rounded, new Prepared(studyKey, context,
                new VariantRunner(rounding, corrections, context, false), Variants.of(context.config()), null));
    }

    @Override
    public byte[] handle(byte[] bytes) {
        VariantTask task = VariantTask.decode(bytes);
        Prepared study = prepare(task);
        if (study.refusal() != null) {
            throw new TaskRefusedException(study.refusal());
        }
        Variant variant = Variants.find(study.variants(), task.variant());
        long start = System.nanoTime();
        VariantRunner.Finished finished = study.runner().run(variant);
        rounded.accept(variant, finished.outcome());
        byte[] checkpoint = task.keepCheckpoint() ? checkpoint(study, variant, finished.outcome()) : null;
        log.accept(String.format(Locale.ROOT, "ran %s in %s", variant.id(),
                Progress.time((System.nanoTime() - start) / 1e9)));
        return new VariantTask.Result(StudyJson.line(finished.line()), checkpoint).encode();
    }

    /** @return the study of the task, built on its first task; the previous study is let go */
    private synchronized Prepared prepare(VariantTask task) {
        String key = task.studyKey();
        if (prepared == null || !prepared.key().equals(key)) {
            prepared = build(key, task);
            if (prepared.refusal() != null) {
                log.accept("refusing the study's variants: " + prepared.refusal());
            }
        }
        return prepared;
    }

    private Prepared build(String key, VariantTask task) {
        BuildInfo here = BuildInfo.current();
        Object version = task.provenance().get("version");
        Object commit = task.provenance().get("commit");
        if (!here.version().equals(version) || !here.commit().equals(commit)) {
            return refused(key, "this member runs barq " + here.version() + " (" + here.commit() + "), the"
                    + " coordinator " + version + " (" + commit + "). Maybe build both from the same commit?");
        }
        StudyConfig config = StudyConfigs.parse(task.config(), "the coordinator's config");
        String plugins = pluginRefusal(config, task.pluginSources());
        if (plugins != null) {
            return refused(key, plugins);
        }
        Splits splits;
        try {
            splits = Study.splits(config);
        } catch (InvalidInputException e) {
            return refused(key, "cannot read data set " + config.dataset().spec() + " here: " + e.getMessage());
        }
        if (!splits.train().checksum().equals(task.datasetSha256())) {
            return refused(key, "data set " + config.dataset().spec() + " has sha256 "
                    + FloatModels.abbreviate(splits.train().checksum()) + " here but "
                    + FloatModels.abbreviate(task.datasetSha256()) + " on the coordinator. Maybe copy the"
                    + " coordinator's data files to this machine?");
        }
        if (!Sha256.hex(task.model()).equals(task.modelSha256())) {
            throw new IllegalStateException("the float model arrived damaged (sha256 " + Sha256.hex(task.model())
                    + ", sent as " + task.modelSha256() + ")");
        }
        LoadedCheckpoint model = model(task.model());
        StudyContext context = new StudyContext(config, model, splits, config.evaluation().options(),
                task.provenance());
        return new Prepared(key, context, new VariantRunner(rounding, corrections, context, false),
                Variants.of(config), null);
    }

    /**
     * @param rounding    the rounding pipeline, whose solvers are this process's
     * @param corrections the correction stage, whose corrections are this process's
     * @param config      a study
     * @return each solver and correction the study names ({@code solver NAME}, {@code correction NAME}, in that
     *     order) with its plug-in source ({@code class from jar (sha256 ...)}), {@value #BUILT_IN} for one of barq's,
     *     or {@value #MISSING} for one this process does not have
     */
    static SortedMap<String, String> pluginSources(SequentialRounding rounding, LogitCorrections corrections,
                                                   StudyConfig config) {
        SortedMap<String, String> sources = new TreeMap<>();
        for (SolverConfig solver : config.solvers()) {
            sources.put(SOLVER + solver.name(), source(() -> rounding.solverSource(solver.name())));
        }
        for (CorrectionConfig correction : config.corrections()) {
            sources.put(CORRECTION + correction.name(), source(() -> corrections.source(correction.name())));
        }
        return sources;
    }

    private static String source(Supplier<Optional<String>> lookup) {
        try {
            return lookup.get().orElse(BUILT_IN);
        } catch (InvalidInputException e) {
            return MISSING;
        }
    }

    /** @return why this member cannot round the study's variants as the coordinator does, or null when it can */
    private String pluginRefusal(StudyConfig config, SortedMap<String, String> theirs) {
        for (Map.Entry<String, String> e : pluginSources(rounding, corrections, config).entrySet()) {
            String coordinator = theirs == null ? null : theirs.get(e.getKey());
            if (e.getValue().equals(coordinator)) {
                continue;
            }
            // "solver random-flip" -> "solver 'random-flip'"
            int space = e.getKey().indexOf(' ');
            String what = e.getKey().substring(0, space) + " '" + e.getKey().substring(space + 1) + "'";
            if (e.getValue().equals(MISSING)) {
                return "this member has no " + what + " (the coordinator's is " + coordinator + "). Maybe start it"
                        + " with the coordinator's plug-in jars (BARQ_PLUGINS)?";
            }
            return "this member's " + what + " is " + e.getValue() + ", the coordinator's " + coordinator + ". Maybe"
                    + " the same plug-in jar on every machine (BARQ_PLUGINS)?";
        }
        return null;
    }

    private static Prepared refused(String key, String reason) {
        return new Prepared(key, null, null, List.of(), reason);
    }

    private static LoadedCheckpoint model(byte[] bytes) {
        Path file = null;
        try {
            file = Files.createTempFile("barq-model-", ".safetensors");
            Files.write(file, bytes);
            return Checkpoints.read(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot stage the float model in a temporary file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static byte[] checkpoint(Prepared study, Variant variant, RoundingOutcome outcome) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("barq-checkpoint-");
            Path file = folder.resolve(variant.fileName() + ".safetensors");
            RoundedModels.write(file, study.runner(), study.context(), variant, outcome);
            byte[] bytes = Files.readAllBytes(file);
            deleteQuietly(file);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot stage a rounded checkpoint in a temporary file: "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /**
     * A study as this member holds it.
     *
     * @param key      config, model and data checksums
     * @param context  the shared inputs, null when refused
     * @param runner   rounds its variants, null when refused
     * @param variants its variants
     * @param refusal  why this member will not run it, or null
     */
    private record Prepared(String key, StudyContext context, VariantRunner runner, List<Variant> variants,
                            String refusal) {
    }
}
