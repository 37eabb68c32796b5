package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code R(u) = (1/N) || T - X_q W^^T ||_F^2} against a direct evaluation (FORMULATION §3.1). */
class ReconstructionTermTest {

    @ParameterizedTest(name = "layer {0} {1}")
    @CsvSource({"0, sequential", "1, sequential", "1, float", "2, sequential", "2, float"})
    void reconstructionEqualsTheDirectResidual(int layer, String mode) {
        Scenario scenario = new Scenario(new ObjectiveSpec(ObjectiveKind.RECONSTRUCTION, 0, 0.2, 0.5,
                InputsMode.parse(mode)), layer, 3, 41);
        Scenario.Setup setup = scenario.setUp();
        DefaultLayerObjective objective = setup.objective();
        RoundingSpace space = setup.build().problem().space();
        INDArray floatInputs = Forward.run(setup.floatModel(), setup.calibration()).input(layer);
        INDArray inputs = InputsMode.parse(mode) == InputsMode.FLOAT ? floatInputs
                : Forward.run(setup.partlyRounded(), setup.calibration()).input(layer);
        INDArray targets = floatInputs.mmul(Matrices.weight(setup.floatModel().layer(layer)).transpose());

        double nearest = direct(inputs, targets, space.dequantized(space.nearest()));
        assertTrue(nearest > 0);
        assertEquals(nearest, objective.nearestTerms().reconstruction(), 1e-9 * nearest);
        assertEquals(nearest, objective.terms().reconstruction(), 1e-9 * nearest);
        assertEquals(1.0, objective.value(), 1e-9);

        SplittableRandom random = new SplittableRandom(2);
        for (int round = 0; round < 5; round++) {
            for (int k = 0; k < 20; k++) {
                objective.flip(random.nextInt(objective.variables()));
            }
            double expected = direct(inputs, targets, space.dequantized(objective.assignment()));
            assertEquals(expected, objective.terms().reconstruction(), 1e-9 * expected);
            assertEquals(expected / nearest, objective.recompute(), 1e-9 * expected / nearest);
        }
    }

    private static double direct(INDArray inputs, INDArray targets, float[] weights) {
        INDArray w = Matrices.of(Matrices.widen(weights), targets.columns(), inputs.columns());
        INDArray residual = targets.sub(inputs.mmul(w.transpose()));
        return residual.mul(residual).sumNumber().doubleValue() / inputs.rows();
    }
}
