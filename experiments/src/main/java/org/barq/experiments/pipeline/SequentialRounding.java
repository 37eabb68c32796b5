package org.barq.experiments.pipeline;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.api.objective.Objective;
import org.barq.api.objective.ObjectiveTerms;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.solvers.SolverRegistry;

/**
 * Rounds a model layer by layer, first to last (FORMULATION §3): when layer {@code l} is rounded, layers below it
 * are already rounded and layers above it are still float.
 */
public final class SequentialRounding {
    private final SolverRegistry solvers;

    /** @param solvers the registered solvers */
    @Inject
    public SequentialRounding(SolverRegistry solvers) {
        this.solvers = solvers;
    }

    /**
     * Fails fast on a bad plan: an unknown solver or option, before any work is done.
     *
     * @param plan the plan to check
     */
    public void validate(RoundingPlan plan) {
        Solver solver = solvers.get(plan.solver());
        SolverOptions.of(solver.descriptor(), plan.solverOptions());
    }

    /**
     * @param model       the float model
     * @param calibration the only data rounding may look at
     * @param plan        grid, solver, objective, seed and budget
     * @param listener    told after each layer; may be null
     * @return the rounded model and the per-layer reports
     */
    public RoundingOutcome run(Mlp model, Dataset calibration, RoundingPlan plan, LayerListener listener) {
        Solver solver = solvers.get(plan.solver());
        SolverOptions options = SolverOptions.of(solver.descriptor(), plan.solverOptions());
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        Mlp partly = model;
        List<QuantizedLayer> quantized = new ArrayList<>();
        List<LayerReport> reports = new ArrayList<>();
        for (int l = 0; l < model.depth(); l++) {
            long layerSeed = seeds.split().nextLong();
            long start = System.nanoTime();
            DenseLayer layer = model.layer(l);
            LayerGrid grid = LayerGrid.fit(layer, plan.grid());
            LayerBuild build = LayerObjectiveBuilder.build(model, partly, calibration, l, grid, plan.objective());
            Objective objective = build.objective();
            LayerReport.Terms nearest = terms(objective.terms());
            SolverResult result = solver.solve(build.problem(), objective,
                    new SolveContext(layerSeed, plan.timeLimit(), plan.threads(), options));
            objective.assign(result.assignment());
            LayerReport.Terms solution = terms(objective.terms());
            byte[] codes = build.problem().space().codes(result.assignment());
            QuantizedLayer q = new QuantizedLayer(layer.out(), layer.in(), codes, grid.scales());
            quantized.add(q);
            partly = partly.withLayer(l, layer.withWeights(q.dequantized()));
            LayerReport report = new LayerReport(l, layer.out(), layer.in(), plan.grid().bits(),
                    build.problem().space().variables(), build.problem().space().fixed(), build.bandSize(),
                    nearest, solution, result.steps(), (System.nanoTime() - start) / 1e9, result.trace().points());
            reports.add(report);
            if (listener != null) {
                listener.layerDone(report, model.depth());
            }
        }
        return new RoundingOutcome(RoundedModel.of(plan.grid().bits(), quantized, model), reports);
    }

    private static LayerReport.Terms terms(ObjectiveTerms t) {
        return new LayerReport.Terms(t.reconstruction(), t.surrogate(), t.value());
    }
}
