package org.barq.experiments.study;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.GridSpec;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.experiments.pipeline.OutputPassPlan;
import org.barq.objectives.output.LambdaSelection;
import org.barq.experiments.pipeline.RoundingPlan;
import org.barq.experiments.pipeline.SolverFailedException;
import org.barq.experiments.pipeline.CorrectionPlan;
import org.barq.experiments.pipeline.LogitCorrections;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.study.config.CorrectionConfig;
import org.barq.experiments.study.config.ObjectiveConfig;
import org.barq.experiments.study.config.SolverConfig;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.objectives.ObjectiveSpec;
import org.barq.solvers.SolverRegistry;

/**
 * Checks a study's solvers against the registry before any work, and resolves their options (defaults filled in).
 * Solvers read their option values only when they solve, so each solver entry is also rehearsed once on a
 * two-by-three layer: a bad value fails here, in a fraction of a second, rather than after the model is trained.
 */
public final class StudyValidation {
    private static final Dataset REHEARSAL_DATA = new Dataset("rehearsal",
            new float[] {0.1f, 0.9f, 0.4f, 0.8f, 0.2f, 0.5f, 0.3f, 0.7f, 0.6f, 0.0f, 1.0f, 0.35f},
            new int[] {0, 1, 1, 0}, 3, SampleShape.flat(3), 2, "", Optional.empty());
    /** The rehearsal only has to reach the solver's option parsing; a solver bounded by steps alone stops here. */
    private static final Duration REHEARSAL_BUDGET = Duration.ofMillis(500);
    private static final Mlp REHEARSAL_MODEL = new Mlp(List.of(new DenseLayer(2, 3,
            new float[] {0.31f, -0.72f, 0.18f, -0.44f, 0.93f, 0.05f}, new float[] {0.01f, -0.02f})),
            InputScaling.uniform(1.0));

    private StudyValidation() {
    }

    /**
     * @param config   the study as read
     * @param registry the solvers known to this run
     * @param rounding the pipeline, for the rehearsal
     * @return the study with every solver option given explicitly (the registry's defaults filled in)
     * @throws InvalidInputException naming the solver entry, for an unknown solver, option or option value
     */
    public static StudyConfig resolve(StudyConfig config, SolverRegistry registry, SequentialRounding rounding) {
        List<SolverConfig> resolved = new ArrayList<>();
        for (int i = 0; i < config.solvers().size(); i++) {
            SolverConfig entry = config.solvers().get(i);
            try {
                Solver solver = registry.get(entry.name());
                SortedMap<String, String> options = SolverOptions.of(solver.descriptor(), entry.options()).resolved();
                // the solver's own reading of its values, as quantize does: a plug-in may check them only there
                solver.checkOptions(SolverOptions.of(solver.descriptor(), options));
                Duration budget = entry.budget().compareTo(REHEARSAL_BUDGET) < 0 ? entry.budget() : REHEARSAL_BUDGET;
                // One scale per row: the rehearsal layer is three inputs wide, whatever the study's group size.
                RoundingPlan plan = new RoundingPlan(new GridSpec(config.bits().get(0), config.scaleMethod()),
                        entry.name(), options, ObjectiveSpec.DEFAULT, 0L, budget, 1);
                rounding.run(Network.of(REHEARSAL_MODEL), REHEARSAL_DATA, plan, null);
                resolved.add(entry.withOptions(options));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("solvers[" + i + "] (" + entry.label() + "): " + e.getMessage(), e);
            } catch (SolverFailedException e) {
                throw new SolverFailedException("solvers[" + i + "] (" + entry.label() + "), on the 2 x 3 layer every"
                        + " solver is tried on before a study: " + e.getMessage(), e.plugin(), e);
            }
        }
        requireSurrogatesMinimised(config, registry);
        return config.withSolvers(resolved);
    }

    /** Refuses an objective entry whose weighted surrogate would reach a solver that ignores it. */
    private static void requireSurrogatesMinimised(StudyConfig config, SolverRegistry registry) {
        for (int o = 0; o < config.objectives().size(); o++) {
            ObjectiveConfig objective = config.objectives().get(o);
            for (SolverConfig entry : config.solvers()) {
                if (config.bits().stream().noneMatch(b -> objective.appliesTo(b, entry.label()))) {
                    continue;
                }
                for (double lambda : objective.lambdas()) {
                    try {
                        SequentialRounding.requireMinimised(registry.get(entry.name()).descriptor(),
                                objective.spec(lambda), "solvers: [...] in this entry, naming only solvers that"
                                + " minimise J (barq solvers)");
                    } catch (InvalidInputException e) {
                        throw new InvalidInputException("objectives[" + o + "] (" + objective.kind() + "): "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /**
     * The output pass deals the calibration samples into its cross-validation folds only when it rounds a variant;
     * a count of folds the calibration split cannot fill is refused before the model is trained instead.
     *
     * @param config             the study
     * @param calibrationSamples the size of its calibration split
     * @throws InvalidInputException naming the solver entry's {@code output_pass.folds}
     */
    public static void requireFoldsWithin(StudyConfig config, int calibrationSamples) {
        for (int i = 0; i < config.solvers().size(); i++) {
            SolverConfig entry = config.solvers().get(i);
            Optional<OutputPassPlan> plan = entry.outputPassPlan();
            // one lambda is used as it is, without cross-validation
            if (plan.isPresent() && plan.get().lambdas().size() > 1
                    && !LambdaSelection.foldsFit(plan.get().folds(), calibrationSamples)) {
                throw new InvalidInputException("solvers[" + i + "].output_pass.folds = " + plan.get().folds() + ": the"
                        + " cross-validation deals the calibration split's " + calibrationSamples + " samples into"
                        + " folds, so at most " + calibrationSamples + " can be dealt. Maybe " + (calibrationSamples < 2
                        ? "one lambda, which needs no cross-validation" : "folds: "
                        + Math.min(OutputPassPlan.BOUNDARY_AWARE.folds(), calibrationSamples)) + "?");
            }
        }
    }

    /**
     * @param config      the study
     * @param corrections the correction stage, which knows the registered corrections
     * @throws InvalidInputException naming the correction entry, for an unknown correction or option
     */
    public static void requireCorrections(StudyConfig config, LogitCorrections corrections) {
        requireCorrections(config, corrections::validate);
    }

    /**
     * As {@link #requireCorrections(StudyConfig, LogitCorrections)} once the data are known, for the options that the
     * number of logits bounds.
     *
     * @param classes the data set's (and so the model's) number of classes
     */
    public static void requireCorrections(StudyConfig config, LogitCorrections corrections, int classes) {
        requireCorrections(config, plan -> corrections.validate(plan, classes));
    }

    private static void requireCorrections(StudyConfig config, Consumer<CorrectionPlan> check) {
        for (int i = 0; i < config.corrections().size(); i++) {
            CorrectionConfig entry = config.corrections().get(i);
            try {
                check.accept(new CorrectionPlan(entry.name(), entry.options(), 0));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("corrections[" + i + "] (" + entry.label() + "): " + e.getMessage(),
                        e);
            }
        }
    }
}
