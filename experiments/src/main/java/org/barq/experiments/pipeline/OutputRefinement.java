package org.barq.experiments.pipeline;

import java.util.Optional;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.api.model.RoundedModel;
import org.barq.objectives.output.LambdaSelection;
import org.barq.objectives.output.OutputObjective;
import org.barq.objectives.output.OutputPass;
import org.barq.objectives.output.OutputPassOptions;

/** Runs an {@link OutputPassPlan} on a rounded model: the cross-validated choice of lambda, then the pass. */
final class OutputRefinement {
    private OutputRefinement() {
    }

    /**
     * @param model       the float network
     * @param calibration the calibration set
     * @param rounded     the layer-by-layer rounding
     * @param plan        the pass
     * @param seed        seeds the folds and the order of the flips
     * @param threads     cross-validation passes run at once; the result does not depend on it
     * @return the model after the pass and its report
     */
    static Result run(Network model, Dataset calibration, RoundedModel rounded, OutputPassPlan plan, long seed,
                      int threads) {
        long start = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(seed);
        OutputPassOptions options = new OutputPassOptions(plan.lambdas().get(0), plan.temperature(), plan.sweeps(),
                seeds.split().nextLong(), plan.between(), plan.matching());
        Optional<LambdaSelection.Choice> choice = plan.lambdas().size() == 1 ? Optional.empty()
                : Optional.of(LambdaSelection.choose(model, rounded, calibration, plan.lambdaArray(), plan.folds(),
                        plan.band(), options, plan.rLimit(), threads));
        double lambda = choice.map(LambdaSelection.Choice::lambda).orElse(plan.lambdas().get(0));
        OutputObjective.Builder prepared = OutputObjective.prepare(model, rounded, options.fitted(model, calibration),
                plan.temperature());
        OutputPass.Result pass = OutputPass.run(prepared, options.withLambda(lambda));
        RoundedModel refined = pass.objective().applyTo(rounded);
        int accepted = 0;
        for (int a : pass.accepted()) {
            accepted += a;
        }
        // R and G on the calibration samples alone: only when the fitted set holds points between them does that
        // take two more objectives; otherwise the pass's own start and end are those values
        OutputObjective o = pass.objective();
        OutputObjective before = plan.between() == 0 ? o
                : OutputObjective.prepare(model, rounded, calibration, plan.temperature()).at(0);
        OutputObjective after = plan.between() == 0 ? o
                : OutputObjective.prepare(model, refined, calibration, plan.temperature()).at(0);
        OutputPassReport report = new OutputPassReport(plan, lambda, choice, seed,
                before.startReconstruction(), after.fullReconstruction(), before.startGap(), after.fullGap(),
                after.reconstructionByLayer(), accepted,
                (System.nanoTime() - start) / 1e9);
        return new Result(refined, report);
    }

    /**
     * @param rounded the model after the pass
     * @param report  what the pass did
     */
    record Result(RoundedModel rounded, OutputPassReport report) {
    }
}
