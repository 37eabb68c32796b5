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
     * @return the model after the pass and its report
     */
    static Result run(Network model, Dataset calibration, RoundedModel rounded, OutputPassPlan plan, long seed) {
        long start = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(seed);
        OutputPassOptions options = new OutputPassOptions(plan.lambdas().get(0), plan.temperature(), plan.sweeps(),
                seeds.split().nextLong());
        Optional<LambdaSelection.Choice> choice = plan.lambdas().size() == 1 ? Optional.empty()
                : Optional.of(LambdaSelection.choose(model, rounded, calibration, plan.lambdaArray(), plan.folds(),
                        plan.band(), options));
        double lambda = choice.map(LambdaSelection.Choice::lambda).orElse(plan.lambdas().get(0));
        OutputObjective.Builder prepared = OutputObjective.prepare(model, rounded, calibration, plan.temperature());
        OutputPass.Result pass = OutputPass.run(prepared, options.withLambda(lambda));
        OutputObjective o = pass.objective();
        int accepted = 0;
        for (int a : pass.accepted()) {
            accepted += a;
        }
        OutputPassReport report = new OutputPassReport(plan, lambda, choice, seed, o.startReconstruction(),
                o.reconstruction(), o.startGap(), o.gap(), o.reconstructionByLayer(), accepted, (System.nanoTime() - start) / 1e9);
        return new Result(o.applyTo(rounded), report);
    }

    /**
     * @param rounded the model after the pass
     * @param report  what the pass did
     */
    record Result(RoundedModel rounded, OutputPassReport report) {
    }
}
