package org.barq.experiments.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.RoundedMetadata;
import org.barq.experiments.pipeline.RoundingOutcome;

/**
 * The rounded models that the analyses after the variants need. A model is held in memory when its variant ran in
 * this session and was asked for up front; otherwise (a resumed run) it is rounded again, which gives the same codes
 * for the same seed. Also writes the rounded checkpoints a study keeps.
 */
final class RoundedModels {
    private final VariantRunner runner;
    private final StudyContext context;
    private final Path folder;
    private final Set<String> wanted;
    private final boolean wantAll;
    private final ConcurrentMap<String, RoundingOutcome> memory = new ConcurrentHashMap<>();

    /**
     * @param runner  rounds a variant again when it is not held
     * @param context the run's shared inputs
     * @param folder  {@code OUT/checkpoints}
     * @param wanted  ids of the variants to hold in memory when they finish
     * @param wantAll hold every finished variant (when the best ones are chosen only at the end)
     */
    RoundedModels(VariantRunner runner, StudyContext context, Path folder, Set<String> wanted, boolean wantAll) {
        this.runner = runner;
        this.context = context;
        this.folder = folder;
        this.wanted = Set.copyOf(wanted);
        this.wantAll = wantAll;
    }

    /** Holds a finished variant's rounding if it is wanted later. */
    void offer(Variant variant, RoundingOutcome outcome) {
        if (wantAll || wanted.contains(variant.id())) {
            memory.put(variant.id(), outcome);
        }
    }

    /** @return the variant's rounding: held, or made again */
    RoundingOutcome get(Variant variant) {
        return memory.computeIfAbsent(variant.id(), id -> runner.round(variant));
    }

    /**
     * Writes {@code OUT/checkpoints/<id with / as _>.safetensors} atomically, with the metadata of
     * {@code barq quantize}.
     *
     * @param variant the variant
     * @param outcome its rounding
     * @return the file
     */
    Path keep(Variant variant, RoundingOutcome outcome) {
        Path file = checkpoint(variant);
        write(file, runner, context, variant, outcome);
        return file;
    }

    /**
     * Writes a variant's rounded checkpoint (atomically) with the metadata of {@code barq quantize}; a cluster
     * member writes it to a temporary file and sends its bytes to the coordinator.
     *
     * @param file    the checkpoint file
     * @param runner  fits the variant's correction
     * @param context the run's shared inputs
     * @param variant the variant
     * @param outcome its rounding
     */
    static void write(Path file, VariantRunner runner, StudyContext context, Variant variant,
                      RoundingOutcome outcome) {
        Optional<LogitCorrections.Fitted> fitted = runner.correction(variant, outcome);
        SortedMap<String, String> metadata = RoundedMetadata.of(variant.plan(context.config()), context.model(),
                context.splits().calibration(), outcome);
        metadata.putAll(RoundedMetadata.correction(variant.correctionPlan(), fitted));
        Checkpoints.writeRounded(file, outcome.rounded(), fitted.map(LogitCorrections.Fitted::correction), metadata);
    }

    /** Writes the variant's checkpoint unless it is already there; rounds again when it is not held. */
    Path keep(Variant variant) {
        Path file = checkpoint(variant);
        return Files.exists(file) ? file : keep(variant, get(variant));
    }

    /** @return {@code OUT/checkpoints/<id with / as _>.safetensors} */
    Path checkpoint(Variant variant) {
        return folder.resolve(variant.fileName() + ".safetensors");
    }
}
