package org.barq.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.Conv2d;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Flatten;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Network;
import org.barq.api.model.Relu;
import org.barq.api.objective.Objective;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.objectives.InputsMode;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;
import org.barq.objectives.PatchSample;

import org.barq.solvers.SolverRegistry;
import org.barq.solvers.SolversModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered solver on a conv layer's problem (the [out, in*kh*kw] matrix over im2col patches). */
class SolversOnConvLayerTest {
    private static final SolverRegistry SOLVERS = Guice.createInjector(new SolversModule())
            .getInstance(SolverRegistry.class);

    static Stream<String> solvers() {
        return SOLVERS.all().stream().map(s -> s.descriptor().name());
    }

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void solvesAConvLayerNoWorseThanRoundToNearest(String name) {
        solve(name, ObjectiveSpec.DEFAULT);
    }

    /** The hinge surrogate on a conv layer: its gaps move through every output position of a flipped weight. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void solvesAConvLayerWithTheHingeSurrogate(String name) {
        solve(name, new ObjectiveSpec(ObjectiveKind.HINGE, 1, 0.3, 0.5, InputsMode.SEQUENTIAL));
    }

    /** OptaPlanner's FULL_ASSERT recomputes the score after every step on a conv layer's problem with the hinge. */
    @org.junit.jupiter.api.Test
    void localSearchUnderFullAssertOnAConvLayerWithTheHinge() {
        solve("local-search", new ObjectiveSpec(ObjectiveKind.HINGE, 1, 0.3, 0.5, InputsMode.SEQUENTIAL),
                Map.of("assert", "true", "max-evaluations", "4000"));
    }

    private static void solve(String name, ObjectiveSpec spec) {
        solve(name, spec, name.equals("local-search") ? Map.of("max-evaluations", "100000")
                : name.equals("adaround") ? Map.of("iterations", "1000") : Map.of());
    }

    private static void solve(String name, ObjectiveSpec spec, Map<String, String> options) {
        SplittableRandom rng = new SplittableRandom(21);
        Network net = new Network(List.of(Conv2d.of(6, 2, 3, 3, 1, 1, random(rng, 108, 0.4), random(rng, 6, 0.1)),
                new Relu(), new Flatten(), new DenseLayer(3, 6 * 36, random(rng, 648, 0.1), random(rng, 3, 0.1))),
                new SampleShape(2, 6, 6), InputScaling.uniform(1.0 / 16));
        float[] f = new float[25 * 72];
        int[] y = new int[25];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextInt(17);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(3);
        }
        Dataset data = new Dataset("images", f, y, 72, new SampleShape(2, 6, 6), 3, "0", Optional.empty());
        LayerBuild build = LayerObjectiveBuilder.build(net, net, data, 0, 0, LayerGrid.fit(
                Network.matrixOf(net.layer(0)), new GridSpec(3, ScaleMethod.ABSMAX)), spec,
                new PatchSample(600, 1));
        assertEquals(600, build.problem().samples(), "900 patch rows, 600 kept");
        Objective objective = build.objective();
        double nearest = objective.value();
        Solver solver = SOLVERS.get(name);
        SolverResult result = solver.solve(build.problem(), objective, new SolveContext(3, Duration.ofMinutes(1), 2,
                SolverOptions.of(solver.descriptor(), options)));
        Objective check = objective.copy();
        check.assign(result.assignment());
        assertEquals(check.recompute(), check.value(), 1e-9 * Math.max(1, check.value()), "incremental J = full J");
        if (!name.equals("stochastic") && !(name.equals("gptq") && spec.hasSurrogate())) {
            assertTrue(check.value() <= nearest + 1e-12, name + ": J " + check.value() + " > J(RTN) " + nearest);
        }
        if (name.equals("coordinate-descent") || name.equals("gptq") && !spec.hasSurrogate()) {
            assertTrue(check.value() < nearest, name + " improves on round-to-nearest");
        }
    }
}
