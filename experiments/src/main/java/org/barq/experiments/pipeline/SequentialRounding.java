package org.barq.experiments.pipeline;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.GroupSize;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.api.objective.Objective;
import org.barq.api.objective.ObjectiveTerms;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.objectives.DefaultLayerObjective;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.ObjectiveSpec;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.objectives.PatchSample;
import org.barq.objectives.output.OutputObjective;
import org.barq.solvers.SolverRegistry;

/**
 * Rounds a network weight layer by weight layer, first to last (FORMULATION §3): when layer {@code l} is rounded,
 * layers below it are already rounded and layers above it are still float. A conv layer is its weight matrix
 * {@code [out, in*kh*kw]} over the im2col patches of its input, at most {@link #PATCH_ROWS} of them. Each layer's
 * grid (per row or per group of a row) is fitted to its float weights before its solver starts and stays fixed.
 */
public final class SequentialRounding {
    /**
     * The most im2col rows of a conv layer that build its {@code H}: a seeded sample beyond that. 65 536 rows of a
     * 5x5x16 kernel's 400 columns are 200 MiB in double and about a second of products (docs/performance.md).
     */
    public static final int PATCH_ROWS = 65_536;

    private final SolverRegistry solvers;

    /** @param solvers the registered solvers */
    @Inject
    public SequentialRounding(SolverRegistry solvers) {
        this.solvers = solvers;
    }

    /**
     * Runs the solver and checks what it returns, naming it when it fails: a plug-in's fault is then not taken for
     * one of barq's.
     */
    private SolverResult solve(Solver solver, String name, int layer, RoundingProblem problem, Objective objective,
                               SolveContext context) {
        SolverResult result;
        try {
            result = solver.solve(problem, objective, context);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(solver, name, "failed on weight layer " + layer + ": " + e, e);
        }
        int variables = problem.space().variables();
        boolean[] assignment = result == null ? null : result.assignment();
        if (assignment == null || assignment.length != variables) {
            throw failed(solver, name, "returned " + (assignment == null ? "no assignment" : "an assignment of "
                    + assignment.length + " choices") + " for weight layer " + layer + ", which has " + variables
                    + " variables", null);
        }
        return result;
    }

    /** @return the failure, naming the solver by its plug-in jar when it is one */
    private SolverFailedException failed(Solver solver, String name, String what, Throwable cause) {
        Optional<String> source = solvers.source(name);
        return new SolverFailedException("solver " + name + " (" + source.orElse(solver.getClass().getName()) + ") "
                + what, source.isPresent(), cause);
    }

    /**
     * @param name a solver's name
     * @return a plug-in solver's class, jar and the jar's SHA-256; empty for a built-in solver
     * @throws InvalidInputException for a solver this process does not have
     */
    public Optional<String> solverSource(String name) {
        return solvers.source(name);
    }

    /**
     * Fails fast on a bad plan: an unknown solver, option or option value, before any work is done.
     *
     * @param plan the plan to check
     */
    public void validate(RoundingPlan plan) {
        Solver solver = solvers.get(plan.solver());
        solver.checkOptions(SolverOptions.of(solver.descriptor(), plan.solverOptions()));
        requireMinimised(solver.descriptor(), plan.objective(), "--solver coordinate-descent --option start=gptq,"
                + " or --lambda 0");
    }

    /**
     * Refuses a weighted surrogate that the solver would not look at, since its lambda would change nothing.
     *
     * @param solver    the solver
     * @param objective the objective it would be given
     * @param hint      what to do instead, in the caller's terms
     * @throws InvalidInputException naming the solver and the lambda
     */
    public static void requireMinimised(SolverDescriptor solver, ObjectiveSpec objective, String hint) {
        if (objective.weightsSurrogate() && !solver.minimisesJ()) {
            throw new InvalidInputException("solver " + solver.name() + " ignores the boundary-gap surrogate (it does"
                    + " not minimise J), so lambda " + ObjectiveSpec.number(objective.lambda()) + " would change nothing. Maybe " + hint
                    + "?");
        }
    }

    /**
     * Fails fast on a group size that some weight layer's width (a conv layer's {@code in * kh * kw}) is not a
     * multiple of, before any layer is rounded.
     *
     * @param model the float network
     * @param grid  the grid, whose group size 0 (one scale per row) fits every layer
     * @throws InvalidInputException naming the size, the first layer it does not fit and its width, with sizes that
     *                               fit every layer
     */
    public static void requireGroupSize(Network model, GridSpec grid) {
        int size = grid.groupSize();
        if (size == 0) {
            return;
        }
        boolean mlp = model.asMlp().isPresent();
        List<Integer> weightLayers = model.weightLayers();
        int common = 0;
        for (int i : weightLayers) {
            common = gcd(common, Network.matrixOf(model.layer(i)).in());
        }
        for (int k = 0; k < weightLayers.size(); k++) {
            int i = weightLayers.get(k);
            DenseLayer matrix = Network.matrixOf(model.layer(i));
            if (!GroupSize.divides(size, matrix.in())) {
                // Numbered as the layer table and the checkpoint's tensors number it.
                throw new InvalidInputException("group size " + size + " does not divide the width " + matrix.in()
                        + " of layer " + (mlp ? k : i) + " (" + model.layer(i).spec() + ", weight matrix ["
                        + matrix.out() + ", " + matrix.in() + "]). Maybe " + GroupSize.hint(size, common) + "?");
            }
        }
    }

    /**
     * Fails fast, before any layer is rounded, on a plan the network cannot take: a group size that does not divide
     * a layer's width, or an output pass whose last two weight layers are not dense with one ReLU between them.
     *
     * @param model the float network
     * @param plan  the plan
     */
    public static void requireFits(Network model, RoundingPlan plan) {
        requireFits(model, plan.grid(), plan.outputPass());
    }

    /**
     * As {@link #requireFits(Network, RoundingPlan)}, for the parts of a plan that a network can refuse.
     *
     * @param model      the float network
     * @param grid       the grid
     * @param outputPass the output pass, if any
     */
    public static void requireFits(Network model, GridSpec grid, Optional<OutputPassPlan> outputPass) {
        requireGroupSize(model, grid);
        if (outputPass.isPresent()) {
            OutputObjective.requireShape(model);
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * @param model       the float network
     * @param calibration the only data rounding may look at
     * @param plan        grid, solver, objective, seed and budget
     * @param listener    told after each weight layer; may be null
     * @return the rounded network and the per-layer reports
     */
    public RoundingOutcome run(Network model, Dataset calibration, RoundingPlan plan, LayerListener listener) {
        requireFits(model, plan);
        Solver solver = solvers.get(plan.solver());
        SolverOptions options = SolverOptions.of(solver.descriptor(), plan.solverOptions());
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        boolean mlp = model.asMlp().isPresent();
        List<Integer> weightLayers = model.weightLayers();
        Network partly = model;
        List<QuantizedLayer> quantized = new ArrayList<>();
        List<LayerReport> reports = new ArrayList<>();
        for (int k = 0; k < weightLayers.size(); k++) {
            int i = weightLayers.get(k);
            long layerSeed = seeds.split().nextLong();
            long start = System.nanoTime();
            DenseLayer layer = Network.matrixOf(model.layer(i));
            LayerGrid grid = LayerGrid.fit(layer, plan.grid());
            // Its own stream, so that the patch sample and the solver's draws do not share numbers.
            PatchSample sample = new PatchSample(PATCH_ROWS, new SplittableRandom(layerSeed).split().nextLong());
            LayerBuild build = LayerObjectiveBuilder.build(model, partly, calibration, i, k, grid, plan.objective(),
                    sample);
            Objective objective = build.objective();
            LayerReport.Terms nearest = terms(objective.terms());
            long solveStart = System.nanoTime();
            SolverResult result = solve(solver, plan.solver(), k, build.problem(), objective,
                    new SolveContext(layerSeed, plan.timeLimit(), plan.threads(), options));
            // a solver stops at its deadline only once the deadline has passed, so a solve that took less ran out
            boolean timeLimitReached = System.nanoTime() - solveStart >= plan.timeLimit().toNanos();
            List<String> notes = new ArrayList<>(result.notes());
            if (timeLimitReached) {
                notes.add(timeLimitNote(plan.timeLimit()));
            }
            if (plan.objective().weightsSurrogate() && nearest.g() <= DefaultLayerObjective.EPSILON) {
                // J divides G by max(G(RTN), eps): with nothing to divide by, any G > 0 outweighs every R
                notes.add("G at round-to-nearest is 0, so the surrogate term (lambda G / max(G(RTN), 1e-12)) acts in"
                        + " effect as a constraint that no rounding may raise G, whatever lambda is");
            }
            objective.assign(result.assignment());
            LayerReport.Terms solution = terms(objective.terms());
            byte[] codes = build.problem().space().codes(result.assignment());
            QuantizedLayer q = grid.quantized(codes);
            quantized.add(q);
            partly = partly.withWeights(i, q.dequantized());
            SampleShape produced = model.shapeBefore(i + 1);
            long rows = model.layer(i) instanceof Conv2d
                    ? (long) calibration.size() * produced.height() * produced.width() : calibration.size();
            // The checkpoint's tensor names number an MLP's dense layers 0, 1, ...; a network's by list index.
            LayerReport report = new LayerReport(mlp ? k : i, model.layer(i).spec(), layer.out(), layer.in(),
                    plan.grid().bits(), build.problem().space().variables(), build.problem().space().fixed(),
                    build.bandSize(), build.problem().samples(), rows, nearest, solution, result.steps(),
                    (System.nanoTime() - start) / 1e9, timeLimitReached, result.trace().points(), notes);
            reports.add(report);
            if (listener != null) {
                listener.layerDone(report, weightLayers.size());
            }
        }
        RoundedModel rounded = RoundedModel.of(plan.grid().bits(), quantized, model);
        if (plan.outputPass().isEmpty()) {
            return new RoundingOutcome(rounded, reports, Optional.empty(), solvers.source(plan.solver()));
        }
        // split after every layer's seed, so that adding the pass leaves the layers' codes as they were
        OutputRefinement.Result refined = OutputRefinement.run(model, calibration, rounded, plan.outputPass().get(),
                seeds.split().nextLong(), plan.threads());
        return new RoundingOutcome(refined.rounded(), reports, Optional.of(refined.report()),
                solvers.source(plan.solver()));
    }

    private static String timeLimitNote(Duration limit) {
        return String.format(Locale.ROOT, "the solve ran until its time limit of %s s: the search may have"
                + " been cut short, and then these codes depend on the machine's speed and load, not on the seed"
                + " alone. Maybe a larger time limit, or a bound on the solver's own steps (barq solvers)?",
                limit.toMillis() / 1000.0);
    }

    private static LayerReport.Terms terms(ObjectiveTerms t) {
        return new LayerReport.Terms(t.reconstruction(), t.surrogate(), t.value());
    }
}
