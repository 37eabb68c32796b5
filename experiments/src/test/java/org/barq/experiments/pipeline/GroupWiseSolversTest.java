package org.barq.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.barq.api.checkpoint.Checkpoints;
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
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.Relu;
import org.barq.api.model.RoundedModel;
import org.barq.evaluation.TestModels;
import org.barq.objectives.ObjectiveSpec;
import org.barq.solvers.SolverRegistry;
import org.barq.solvers.SolversModule;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered solver rounds group-wise layers through the pipeline: the grid is the float weights' per-group
 * fit, every code is one of its weight's two codes on its group's grid, the codes dequantize to exactly the rounded
 * network's weights, and the result survives a checkpoint. An MLP [16, 24, 20, 6] in groups of 4, and a CNN whose
 * conv row is 2x3x3 = 18 kernel values and dense row 216, in groups of 9.
 */
class GroupWiseSolversTest {
    private static final SolverRegistry SOLVERS = Guice.createInjector(new SolversModule())
            .getInstance(SolverRegistry.class);
    private static final SequentialRounding ROUNDING = new SequentialRounding(SOLVERS);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return SOLVERS.all().stream().flatMap(s -> Stream.of(
                Arguments.of(s.descriptor().name(), "mlp", 4), Arguments.of(s.descriptor().name(), "cnn", 9)));
    }

    private static Network mlp() {
        return Network.of(TestModels.random(11, 16, 24, 20, 6));
    }

    private static Dataset mlpData() {
        return TestModels.randomSet(12, 120, 16, 6);
    }

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    private static Network cnn() {
        SplittableRandom rng = new SplittableRandom(21);
        return new Network(List.of(Conv2d.of(6, 2, 3, 3, 1, 1, random(rng, 108, 0.4), random(rng, 6, 0.1)),
                new Relu(), new Flatten(), new DenseLayer(3, 6 * 36, random(rng, 648, 0.1), random(rng, 3, 0.1))),
                new SampleShape(2, 6, 6), InputScaling.uniform(1.0 / 16));
    }

    private static Dataset cnnData() {
        SplittableRandom rng = new SplittableRandom(22);
        float[] f = new float[25 * 72];
        int[] y = new int[25];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextInt(17);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(3);
        }
        return new Dataset("images", f, y, 72, new SampleShape(2, 6, 6), 3, "0", Optional.empty());
    }

    @ParameterizedTest(name = "{0} {1} G={2}")
    @MethodSource("cases")
    void roundsGroupWiseLayersOnTheirStaticGroupGrids(String solver, String kind, int groupSize) {
        Network model = kind.equals("mlp") ? mlp() : cnn();
        Dataset data = kind.equals("mlp") ? mlpData() : cnnData();
        Map<String, String> options = solver.equals("local-search") ? Map.of("max-evaluations", "50000")
                : solver.equals("adaround") ? Map.of("iterations", "500") : Map.of();
        GridSpec spec = new GridSpec(3, ScaleMethod.ABSMAX, groupSize);
        RoundingPlan plan = new RoundingPlan(spec, solver, new TreeMap<>(options), ObjectiveSpec.DEFAULT, 4,
                Duration.ofMinutes(1), 2);
        RoundingOutcome outcome = ROUNDING.run(model, data, plan, null);
        RoundedModel rounded = outcome.rounded();
        List<Integer> weightLayers = model.weightLayers();
        for (int k = 0; k < weightLayers.size(); k++) {
            int i = weightLayers.get(k);
            DenseLayer floatMatrix = Network.matrixOf(model.layer(i));
            QuantizedLayer q = rounded.quantized().get(k);
            LayerGrid grid = LayerGrid.fit(floatMatrix, spec);
            assertEquals(groupSize, q.groupSize());
            assertEquals(floatMatrix.in() / groupSize, q.groups());
            assertArrayEquals(grid.scales(), q.scales(), "the float weights' per-group fit, never moved");
            assertArrayEquals(Network.matrixOf(rounded.network().layer(i)).weights(), q.dequantized(),
                    solver + " layer " + i + ": codes dequantize to the network's weights");
            byte[] codes = q.codes();
            float[] weights = Network.matrixOf(rounded.network().layer(i)).weights();
            for (int c = 0; c < codes.length; c++) {
                int r = c / floatMatrix.in();
                int j = c % floatMatrix.in();
                int floor = grid.floorCode(r, j, floatMatrix.weight(r, j));
                assertTrue(codes[c] == floor || codes[c] == grid.upCode(floor), solver + " weight " + c);
                assertEquals(grid.dequantize(r, j, codes[c]), weights[c]);
            }
            LayerReport report = outcome.layers().get(k);
            if (!solver.equals("stochastic")) {
                assertTrue(report.solution().j() <= report.nearest().j() + 1e-12, solver + " layer " + i + ": J "
                        + report.solution().j() + " > J(RTN) " + report.nearest().j());
            }
        }
        Path file = dir.resolve(solver + "-" + kind + ".safetensors");
        Checkpoints.writeRounded(file, rounded, new TreeMap<>());
        assertEquals(rounded, Checkpoints.read(file).rounded().orElseThrow());
        assertEquals(Integer.toString(groupSize), Checkpoints.read(file).metadata().get(Checkpoints.GROUP_SIZE));
    }
}
