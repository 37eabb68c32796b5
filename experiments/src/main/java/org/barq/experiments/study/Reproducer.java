package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.Checkpoints;
import org.barq.api.checkpoint.LoadedCheckpoint;
import org.barq.api.data.Splits;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.RoundingOutcome;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.barq.solvers.SolverRegistry;

/**
 * {@code barq reproduce}: re-runs one variant of a finished or partial run from its recorded provenance (the
 * resolved config in {@code provenance.json}, {@code model.safetensors} beside it, the data set) and compares the
 * codes' SHA-256 with the one in {@code results.jsonl}.
 */
public final class Reproducer {
    private final SequentialRounding rounding;
    private final SolverRegistry registry;
    private final LogitCorrections corrections;

    /**
     * @param rounding    the rounding pipeline
     * @param registry    the solvers known to this run
     * @param corrections the correction stage after rounding
     */
    @Inject
    public Reproducer(SequentialRounding rounding, SolverRegistry registry, LogitCorrections corrections) {
        this.rounding = rounding;
        this.registry = registry;
        this.corrections = corrections;
    }

    /**
     * @param results a run's {@code results.jsonl}; {@code provenance.json} and {@code model.safetensors} are read
     *                from the same folder
     * @param key     the variant's index or id
     * @return the recorded and the re-computed codes hash
     * @throws InvalidInputException when a file is missing, the model or data set changed, or the variant has no
     *                               line
     */
    public Reproduction reproduce(Path results, String key) {
        Path root = results.toAbsolutePath().getParent();
        RunFolder folder = new RunFolder(root);
        Provenance.Recorded recorded = Provenance.Recorded.read(folder.provenance());
        StudyConfig config = StudyValidation.resolve(StudyConfigs.fromTree(recorded.config(),
                folder.provenance().toString()), registry, rounding);
        String configSha = StudyConfigs.sha256(StudyConfigs.toYaml(config));
        if (!configSha.equals(recorded.configSha256())) {
            throw new InvalidInputException("the config recorded in " + folder.provenance() + " hashes to "
                    + FloatModels.abbreviate(configSha) + ", not the recorded " + FloatModels.abbreviate(
                    recorded.configSha256()) + ". Maybe the file was edited, or this barq reads configs differently?");
        }
        List<Variant> variants = Variants.of(config);
        Variant variant = Variants.find(variants, key);
        Map<String, JsonNode> lines = ResultsFile.load(results);
        JsonNode line = lines.get(variant.id());
        if (line == null) {
            throw new InvalidInputException("variant " + variant.index() + " (" + variant.id() + ") has no line in "
                    + results + " yet. Maybe resume the run first?");
        }
        requireLineOf(variant, line, results);
        LoadedCheckpoint model = Checkpoints.read(folder.model());
        if (!model.sha256().equals(recorded.modelSha256())) {
            throw new InvalidInputException(folder.model() + " has sha256 " + FloatModels.abbreviate(model.sha256())
                    + " but the run recorded " + FloatModels.abbreviate(recorded.modelSha256()) + ". Maybe the file"
                    + " was replaced?");
        }
        Splits splits = Study.splits(config);
        if (!splits.train().checksum().equals(recorded.datasetSha256())) {
            throw new InvalidInputException("data set " + config.dataset().spec() + " has sha256 "
                    + FloatModels.abbreviate(splits.train().checksum()) + " but the run recorded "
                    + FloatModels.abbreviate(recorded.datasetSha256()) + ". Maybe restore the data?");
        }
        StudyContext context = new StudyContext(config, model, splits, config.evaluation().options(), Map.of());
        VariantRunner runner = new VariantRunner(rounding, corrections, context);
        RoundingOutcome outcome = runner.round(variant);
        String actual = Codes.sha256(outcome.rounded());
        // a corrected variant shares its codes with the uncorrected one: the correction is checked by what it did
        String recordedCorrection = null;
        String actualCorrection = null;
        if (variant.correction().isPresent()) {
            JsonNode c = line.path("correction");
            JsonNode after = c.path("calibration_error_after");
            // a non-finite error is written as null
            recordedCorrection = correction(c.path("clusters").asInt(), after.isNumber() ? after.asDouble()
                    : Double.NaN);
            actualCorrection = runner.correction(variant, outcome).map(f -> correction(f.correction().clusters(),
                    f.after())).orElse(null);
        }
        String recordedSource = line.has("solver_source") ? line.get("solver_source").asText() : null;
        String actualSource = outcome.solverSource().orElse(null);
        return new Reproduction(variant.id(), variant.index(), line.path("codes_sha256").asText(), actual,
                recordedCorrection, actualCorrection, Objects.equals(recordedSource, actualSource) ? null
                : "the solver's code differs: recorded " + (recordedSource == null ? "barq's own" : recordedSource)
                + ", now " + (actualSource == null ? "barq's own" : actualSource));
    }

    /** Refuses a line whose own record of what it is (written from the variant) no longer says so: it was edited. */
    private static void requireLineOf(Variant variant, JsonNode line, Path results) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("index", Integer.toString(variant.index()));
        expected.put("bits", Integer.toString(variant.bits()));
        expected.put("solver", variant.solver().name());
        expected.put("solver_label", variant.method());
        expected.put("seed", Long.toString(variant.seed()));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode value = line.get(e.getKey());
            if (value == null || !value.asText().equals(e.getValue())) {
                throw new InvalidInputException("the line of variant " + variant.index() + " (" + variant.id()
                        + ") in " + results + " records " + e.getKey() + " " + value + " where the run's config gives "
                        + e.getValue() + ". Maybe the line was edited, or comes from another run?");
            }
        }
    }

    private static String correction(int clusters, double errorAfter) {
        return clusters + (clusters == 1 ? " cluster" : " clusters") + ", calibration error after "
                + Double.toString(errorAfter);
    }
}
