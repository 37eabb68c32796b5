package org.barq.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.barq.api.data.Dataset;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.LayerGrid;
import org.barq.api.grid.ScaleMethod;
import org.barq.api.model.Mlp;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.evaluation.TestModels;
import org.barq.objectives.InputsMode;
import org.barq.objectives.LayerBuild;
import org.barq.objectives.LayerObjectiveBuilder;
import org.barq.objectives.ObjectiveKind;
import org.barq.objectives.ObjectiveSpec;
import org.barq.solvers.SolverRegistry;
import org.barq.solvers.SolversModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered solver on the real layer objective with a weighted surrogate (coupled rows), where the solver
 * tests use a quadratic stand-in: no worse than round-to-nearest (except {@code stochastic}), a 1-flip local optimum
 * for {@code greedy} and {@code coordinate-descent}, the incremental value equal to a full recomputation, weights
 * that are not variables left at their code, and the time limit obeyed.
 */
class SolversOnLayerObjectiveTest {
    private static final SolverRegistry SOLVERS = Guice.createInjector(new SolversModule())
            .getInstance(SolverRegistry.class);
    private static final Mlp MODEL = TestModels.random(11, 16, 24, 20, 6);
    private static final Dataset CALIBRATION = TestModels.randomSet(12, 120, 16, 6);

    static Stream<Arguments> cases() {
        return SOLVERS.all().stream().flatMap(solver -> Stream.of(ObjectiveKind.HINGE, ObjectiveKind.GAP)
                .flatMap(kind -> Stream.of(1, 2).map(layer -> Arguments.of(solver.descriptor().name(), kind, layer))));
    }

    /** Layer {@code layer} at 3 bits with the layers below at round-to-nearest, lambda 1 (0 for reconstruction). */
    private static LayerBuild build(ObjectiveKind kind, int layer) {
        GridSpec grid = new GridSpec(3, ScaleMethod.ABSMAX);
        Mlp partly = MODEL;
        for (int l = 0; l < layer; l++) {
            RoundingSpace space = RoundingSpace.of(MODEL.layer(l), LayerGrid.fit(MODEL.layer(l), grid));
            partly = partly.withLayer(l, MODEL.layer(l).withWeights(space.dequantized(space.nearest())));
        }
        return LayerObjectiveBuilder.build(MODEL, partly, CALIBRATION, layer,
                LayerGrid.fit(MODEL.layer(layer), grid), new ObjectiveSpec(kind,
                        kind == ObjectiveKind.RECONSTRUCTION ? 0.0 : 1.0, 0.3, 0.5, InputsMode.SEQUENTIAL));
    }

    private static SolverResult solve(Solver solver, LayerBuild build, Objective objective, Duration limit,
                                      Map<String, String> options) {
        return solver.solve(build.problem(), objective,
                new SolveContext(3, limit, 2, SolverOptions.of(solver.descriptor(), options)));
    }

    @ParameterizedTest(name = "{0} {1} layer {2}")
    @MethodSource("cases")
    void solvesTheCoupledObjectiveSoundly(String name, ObjectiveKind kind, int layer) {
        Solver solver = SOLVERS.get(name);
        LayerBuild build = build(kind, layer);
        RoundingSpace space = build.problem().space();
        Objective objective = build.objective();
        assertTrue(!objective.rowSeparable(), "the surrogate couples the rows");
        double start = objective.value();
        Map<String, String> options = name.equals("local-search") ? Map.of("max-evaluations", "200000")
                : name.equals("adaround") ? Map.of("iterations", "2000") : Map.of();
        SolverResult result = solve(solver, build, objective, Duration.ofMinutes(2), options);

        Objective check = objective.copy();
        check.assign(result.assignment());
        double value = check.value();
        assertEquals(check.recompute(), value, 1e-9 * Math.max(1, Math.abs(value)), "incremental J = full J");
        if (!name.equals("stochastic")) {
            assertTrue(value <= start + 1e-12, name + ": J " + value + " > J(RTN) " + start);
        }
        if (name.equals("greedy") || name.equals("coordinate-descent")) {
            for (int v = 0; v < check.variables(); v++) {
                assertTrue(check.delta(v) >= -1e-12, name + ": flipping " + v + " improves by " + check.delta(v));
            }
        }
        byte[] codes = space.codes(result.assignment());
        byte[] nearest = space.codes(space.nearest());
        int fixed = 0;
        for (int i = 0; i < codes.length; i++) {
            if (space.variableOf(i) < 0) {
                assertEquals(nearest[i], codes[i], "weight " + i + " is not a variable and keeps its code");
                fixed++;
            }
        }
        assertEquals(space.fixed(), fixed);
    }

    /** Warm-started from GPTQ: a 1-flip optimum no worse than GPTQ's choices nor than round-to-nearest. */
    @ParameterizedTest(name = "{0} layer {1}")
    @MethodSource("warmStarts")
    void coordinateDescentFromGptqPolishesGptq(ObjectiveKind kind, int layer) {
        LayerBuild build = build(kind, layer);
        Objective objective = build.objective();
        double nearest = objective.value();
        Objective gptq = objective.copy();
        gptq.assign(solve(SOLVERS.get("gptq"), build, objective.copy(), Duration.ofMinutes(1), Map.of())
                .assignment());
        SolverResult result = solve(SOLVERS.get("coordinate-descent"), build, objective, Duration.ofMinutes(1),
                Map.of("start", "gptq"));
        Objective check = objective.copy();
        check.assign(result.assignment());
        assertTrue(check.value() <= nearest + 1e-12, "no worse than RTN");
        if (gptq.value() <= nearest) {
            assertTrue(check.value() <= gptq.value() + 1e-12, "no worse than GPTQ: " + check.value() + " vs "
                    + gptq.value());
            for (int v = 0; v < check.variables(); v++) {
                assertTrue(check.delta(v) >= -1e-12, "flipping " + v + " improves by " + check.delta(v));
            }
        }
    }

    static Stream<Arguments> warmStarts() {
        return Stream.of(ObjectiveKind.RECONSTRUCTION, ObjectiveKind.HINGE)
                .flatMap(kind -> Stream.of(0, 1, 2).map(layer -> Arguments.of(kind, layer)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("budgeted")
    void stopsAtTheTimeLimit(String name, Map<String, String> unbounded) {
        Solver solver = SOLVERS.get(name);
        LayerBuild build = build(ObjectiveKind.HINGE, 1);
        Objective objective = build.objective();
        double start = objective.value();
        long began = System.nanoTime();
        SolverResult result = solve(solver, build, objective, Duration.ofMillis(300), unbounded);
        double seconds = (System.nanoTime() - began) / 1e9;
        assertTrue(seconds < 3.0, name + " ran " + seconds + " s on a 0.3 s limit");
        Objective check = objective.copy();
        check.assign(result.assignment());
        assertTrue(check.value() <= start + 1e-12, name + " stopped early but is still no worse than RTN");
        assertArrayEquals(result.assignment(), check.assignment());
    }

    /** The solvers whose own step budgets can outlast the clock, with budgets far beyond 0.3 s. */
    static Stream<Arguments> budgeted() {
        return Stream.of(
                Arguments.of("local-search", Map.of("max-steps", "2000000000", "unimproved-steps",
                        "2000000000", "max-evaluations", "2000000000")),
                Arguments.of("local-search", Map.of("algorithm", "late-acceptance", "max-steps", "2000000000",
                        "unimproved-steps", "2000000000", "max-evaluations", "2000000000")),
                Arguments.of("local-search", Map.of("algorithm", "simulated-annealing", "max-steps",
                        "2000000000", "max-evaluations", "2000000000")),
                Arguments.of("adaround", Map.of("iterations", "100000000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sameSeedSameCodesWhateverTheThreadCount(String name) {
        LayerBuild build = build(ObjectiveKind.HINGE, 2);
        Solver solver = SOLVERS.get(name);
        Map<String, String> options = name.equals("local-search") ? Map.of("max-evaluations", "100000")
                : name.equals("adaround") ? Map.of("iterations", "500") : Map.of();
        boolean[] one = solver.solve(build.problem(), build.objective().copy(), new SolveContext(5,
                Duration.ofMinutes(2), 1, SolverOptions.of(solver.descriptor(), options))).assignment();
        boolean[] two = solver.solve(build.problem(), build.objective().copy(), new SolveContext(5,
                Duration.ofMinutes(2), 2, SolverOptions.of(solver.descriptor(), options))).assignment();
        assertArrayEquals(one, two, name);
    }

    static List<String> names() {
        return SOLVERS.all().stream().map(s -> s.descriptor().name()).toList();
    }
}
