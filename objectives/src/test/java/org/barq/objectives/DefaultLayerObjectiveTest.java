package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** State handling of the incremental objective: copies, assignment, row separability, degenerate data. */
class DefaultLayerObjectiveTest {

    @Test
    void copyIsIndependent() {
        DefaultLayerObjective original = Scenario.of(ObjectiveKind.HINGE, 1, 0.5, InputsMode.SEQUENTIAL, 1).setUp()
                .objective();
        original.flip(3);
        double value = original.value();
        boolean[] assignment = original.assignment();
        double[] gaps = original.bandGaps();
        Objective copy = original.copy();
        assertEquals(value, copy.value(), 0.0);
        SplittableRandom random = new SplittableRandom(4);
        for (int k = 0; k < 30; k++) {
            copy.flip(random.nextInt(copy.variables()));
        }
        copy.relaxedValue(new double[copy.variables()], new double[copy.variables()]);
        assertNotEquals(value, copy.value());
        assertEquals(value, original.value(), 0.0);
        assertArrayEquals(assignment, original.assignment());
        assertArrayEquals(gaps, original.bandGaps(), 0.0);
        assertEquals(original.recompute(), original.value(), 1e-12);
        assertEquals(copy.recompute(), copy.value(), 1e-12);
    }

    @Test
    void assignResetsTheState() {
        Scenario scenario = Scenario.of(ObjectiveKind.GAP, 2, 0.5, InputsMode.SEQUENTIAL, 1);
        DefaultLayerObjective objective = scenario.setUp().objective();
        RoundingSpace space = scenario.setUp().build().problem().space();
        assertArrayEquals(space.nearest(), objective.assignment());
        assertEquals(3.0, objective.value(), 1e-12, "J(RTN) = 1 + lambda");
        SplittableRandom random = new SplittableRandom(6);
        boolean[] target = new boolean[objective.variables()];
        for (int v = 0; v < target.length; v++) {
            target[v] = random.nextBoolean();
        }
        DefaultLayerObjective walked = objective.copy();
        for (int v = 0; v < target.length; v++) {
            if (walked.isUp(v) != target[v]) {
                walked.flip(v);
            }
        }
        objective.assign(target);
        target[0] = !target[0];
        assertNotEquals(target[0], objective.isUp(0), "assign must copy the choices");
        assertArrayEquals(walked.assignment(), objective.assignment());
        assertEquals(walked.value(), objective.value(), 1e-12 * Math.abs(walked.value()));
        assertArrayEquals(walked.bandGaps(), objective.bandGaps(), 1e-12);
        objective.assign(space.nearest());
        assertEquals(objective.nearestTerms().value(), objective.value(), 1e-12);
        assertEquals(objective.nearestTerms(), objective.terms());
    }

    @ParameterizedTest(name = "{0} lambda={1}: separable={2}")
    @CsvSource({"reconstruction, 0, true", "reconstruction, 5, true", "gap, 0, true", "hinge, 0, true",
        "gap, 0.5, false", "hinge, 1, false"})
    void rowSeparableIffNoWeightedSurrogate(String kind, double lambda, boolean separable) {
        DefaultLayerObjective objective = Scenario.of(ObjectiveKind.parse(kind), lambda, 0.5, InputsMode.SEQUENTIAL,
                1).setUp().objective();
        assertEquals(separable, objective.rowSeparable());
        assertEquals(kind.equals("reconstruction") ? 0 : lambda, objective.lambda());
    }

    @Test
    void rowsMayBeFlippedConcurrently() throws Exception {
        Scenario.Setup setup = Scenario.of(ObjectiveKind.GAP, 0, 0.5, InputsMode.SEQUENTIAL, 1).setUp();
        DefaultLayerObjective sequential = setup.objective();
        DefaultLayerObjective concurrent = sequential.copy();
        RoundingSpace space = setup.build().problem().space();
        List<List<Integer>> byRow = new ArrayList<>();
        for (int r = 0; r < space.rows(); r++) {
            byRow.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(12);
        for (int k = 0; k < 3000; k++) {
            int v = random.nextInt(space.variables());
            byRow.get(space.rowOf(v)).add(v);
        }
        double[][] sequentialDeltas = new double[space.rows()][];
        for (int r = 0; r < space.rows(); r++) {
            sequentialDeltas[r] = descend(sequential, byRow.get(r));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int r = 0; r < space.rows(); r++) {
                List<Integer> flips = byRow.get(r);
                futures.add(pool.submit(() -> descend(concurrent, flips)));
            }
            for (int r = 0; r < space.rows(); r++) {
                assertArrayEquals(sequentialDeltas[r], futures.get(r).get(), 0.0, "row " + r);
            }
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(sequential.assignment(), concurrent.assignment());
        assertEquals(sequential.value(), concurrent.value(), 0.0);
        assertEquals(concurrent.recompute(), concurrent.value(), 1e-9);
    }

    /** Flips each listed variable whose delta is negative; returns every delta seen. */
    private static double[] descend(Objective objective, List<Integer> variables) {
        double[] deltas = new double[variables.size()];
        for (int k = 0; k < deltas.length; k++) {
            int v = variables.get(k);
            deltas[k] = objective.delta(v);
            if (deltas[k] < 0) {
                objective.flip(v);
            }
        }
        return deltas;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"reconstruction", "gap", "hinge"})
    void allZeroCalibrationGivesFiniteValues(String kind) {
        SplittableRandom random = new SplittableRandom(1);
        Mlp model = Fixtures.mlp(random, 6, 5, 3);
        Dataset zeros = new Dataset("zeros", new float[8 * 6], new int[8], 6, SampleShape.flat(6), 3, "0",
                Optional.of(InputScaling.uniform(1)));
        LayerBuild build = LayerObjectiveBuilder.build(model, model, zeros, 0, Fixtures.grid(model, 0, 4),
                new ObjectiveSpec(ObjectiveKind.parse(kind), 1, 0.2, 0.5, InputsMode.SEQUENTIAL));
        DefaultLayerObjective objective = build.objective();
        assertEquals(0.0, build.nearestTerms().reconstruction(), 0.0);
        assertEquals(8, build.bandSize(), "equal margins put every sample in the band");
        int n = objective.variables();
        double[] gradient = new double[n];
        assertEquals(0.0, objective.relaxedValue(new double[n], gradient), 0.0);
        for (int v = 0; v < n; v++) {
            assertEquals(0.0, objective.delta(v), 0.0);
            assertEquals(0.0, gradient[v], 0.0);
            objective.flip(v);
        }
        assertEquals(0.0, objective.value(), 0.0);
        assertEquals(0.0, objective.recompute(), 0.0);
        assertTrue(Double.isFinite(objective.terms().surrogate()));
    }

    @Test
    void deadInputsKeepEverythingFinite() {
        Scenario.Setup setup = Scenario.of(ObjectiveKind.HINGE, 1, 0.5, InputsMode.SEQUENTIAL, 0).setUp();
        double[] h = setup.build().problem().hessian();
        int in = setup.build().problem().layer().in();
        assertEquals(0.0, h[0], 0.0, "the first input column is dead, so H is singular");
        DefaultLayerObjective objective = setup.objective();
        for (int v = 0; v < objective.variables(); v++) {
            assertTrue(Double.isFinite(objective.delta(v)));
            if (setup.build().problem().space().colOf(v) < 2) {
                assertEquals(0.0, objective.delta(v), 0.0, "a dead input's weight changes nothing");
            }
        }
        assertFalse(objective.rowSeparable());
        assertEquals(in * in, h.length);
    }
}
