package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.InputScaling;
import org.barq.api.model.Mlp;
import org.barq.api.problem.RoundingProblem;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerObjectiveBuilderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sequential", "float"})
    void problemHoldsTheGramMatrixOfTheChosenInputs(String mode) {
        Scenario scenario = new Scenario(new ObjectiveSpec(ObjectiveKind.GAP, 1, 0.2, 0.5, InputsMode.parse(mode)),
                1, 3, 3);
        Scenario.Setup setup = scenario.setUp();
        RoundingProblem problem = setup.build().problem();
        Mlp source = mode.equals("float") ? setup.floatModel() : setup.partlyRounded();
        INDArray x = Forward.run(source, setup.calibration()).input(1);
        double[] expected = Matrices.values(x.transpose().mmul(x));
        assertArrayEquals(expected, problem.hessian(), 1e-12 * Math.abs(expected[expected.length - 1]) + 1e-12);
        assertEquals(60, problem.samples());
        assertEquals(1, problem.layerIndex());
        assertEquals(setup.floatModel().layer(1), problem.layer());
        assertArrayEquals(problem.space().nearest(), setup.objective().assignment());
        assertEquals(2.0, setup.build().nearestTerms().value(), 1e-12, "J(RTN) = 1 + lambda");
        assertEquals(setup.build().nearestTerms(), setup.objective().terms());
    }

    @Test
    void sequentialAndFloatInputsDifferOnceALowerLayerIsRounded() {
        double[] sequential = new Scenario(new ObjectiveSpec(ObjectiveKind.RECONSTRUCTION, 0, 0.2, 0.5,
                InputsMode.SEQUENTIAL), 1, 3, 3).setUp().build().problem().hessian();
        double[] floating = new Scenario(new ObjectiveSpec(ObjectiveKind.RECONSTRUCTION, 0, 0.2, 0.5,
                InputsMode.FLOAT), 1, 3, 3).setUp().build().problem().hessian();
        double difference = 0;
        for (int i = 0; i < sequential.length; i++) {
            difference = Math.max(difference, Math.abs(sequential[i] - floating[i]));
        }
        assertTrue(difference > 1e-3, "3-bit layer 0 should change the inputs of layer 1, max |dH| = " + difference);
    }

    @Test
    void bandHoldsTheBetaFractionOfLowestMargins() {
        // 60 distinct margins, beta 0.2: position 11.8, so the 12 lowest are at or below the threshold
        LayerBuild build = Scenario.of(ObjectiveKind.HINGE, 1, 0.5, InputsMode.SEQUENTIAL, 2).setUp().build();
        assertEquals(12, build.bandSize());
        assertEquals(12, build.objective().bandGaps().length);
        LayerBuild wide = new Scenario(new ObjectiveSpec(ObjectiveKind.GAP, 1, 1.0, 0.5, InputsMode.SEQUENTIAL), 2, 3,
                19).setUp().build();
        assertEquals(60, wide.bandSize());
    }

    @Test
    void aSingleSampleBandAndASingleCalibrationSampleWork() {
        LayerBuild narrow = new Scenario(new ObjectiveSpec(ObjectiveKind.GAP, 1, 0.01, 0.5, InputsMode.SEQUENTIAL), 1,
                3, 3).setUp().build();
        assertEquals(1, narrow.bandSize());
        narrow.objective().flip(0);
        assertEquals(narrow.objective().recompute(), narrow.objective().value(), 1e-12);

        SplittableRandom random = new SplittableRandom(8);
        Mlp model = Fixtures.mlp(random, 6, 5, 3);
        Dataset one = Fixtures.data(random, 1, 6, 3, 0);
        LayerBuild single = LayerObjectiveBuilder.build(model, model, one, 1, Fixtures.grid(model, 1, 3),
                new ObjectiveSpec(ObjectiveKind.HINGE, 1, 0.2, 1, InputsMode.SEQUENTIAL));
        assertEquals(1, single.bandSize());
        assertEquals(1, single.problem().samples());
        double[] expected = Fixtures.trueGaps(Fixtures.withAssignment(model, 1, single.problem().space(),
                single.objective().assignment()), one, single.band());
        assertArrayEquals(expected, single.objective().bandGaps(), 1e-9);
    }

    @Test
    void reconstructionOnlyHasNoBandGaps() {
        LayerBuild build = Scenario.of(ObjectiveKind.RECONSTRUCTION, 1, 0.5, InputsMode.SEQUENTIAL, 1).setUp().build();
        assertEquals(0, build.objective().bandGaps().length);
        assertEquals(0.0, build.nearestTerms().surrogate(), 0.0);
        assertEquals(1.0, build.nearestTerms().value(), 1e-12, "lambda is ignored without a surrogate");
    }

    @Test
    void rejectsMismatchedInputs() {
        SplittableRandom random = new SplittableRandom(5);
        Mlp model = Fixtures.mlp(random, 6, 5, 3);
        Dataset data = Fixtures.data(random, 10, 6, 3, 0);
        ObjectiveSpec spec = ObjectiveSpec.DEFAULT;
        Mlp roundedAbove = Fixtures.roundNearest(model, 1, 3);
        assertThrows(IllegalArgumentException.class, () -> LayerObjectiveBuilder.build(model, roundedAbove, data, 0,
                Fixtures.grid(model, 0, 3), spec));
        assertThrows(IllegalArgumentException.class, () -> LayerObjectiveBuilder.build(model, model, data, 2,
                Fixtures.grid(model, 1, 3), spec));
        Dataset empty = new Dataset("empty", new float[0], new int[0], 6, SampleShape.flat(6), 3, "0",
                Optional.of(InputScaling.uniform(1)));
        assertTrue(assertThrows(InvalidInputException.class, () -> LayerObjectiveBuilder.build(model, model, empty, 0,
                Fixtures.grid(model, 0, 3), spec)).getMessage().contains("empty"));
        Dataset narrow = Fixtures.data(random, 10, 4, 3, 0);
        assertTrue(assertThrows(InvalidInputException.class, () -> LayerObjectiveBuilder.build(model, model, narrow,
                0, Fixtures.grid(model, 0, 3), spec)).getMessage().contains("4 features"));
    }
}
