package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.barq.api.model.DenseLayer;
import org.barq.api.model.Mlp;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The surrogate's first-order gaps against the gaps of the network that actually runs (FORMULATION §3.2). */
class FirstOrderGapsTest {

    @ParameterizedTest(name = "{0} {1} lambda={2}")
    @CsvSource({"gap, sequential, 1", "hinge, sequential, 2", "gap, float, 1", "hinge, float, 0"})
    void lastLayerGapsAreExact(String kind, String inputs, double lambda) {
        Scenario scenario = new Scenario(new ObjectiveSpec(ObjectiveKind.parse(kind), lambda, 0.3, 0.5,
                InputsMode.parse(inputs)), Scenario.LAST, 3, 5);
        Scenario.Setup setup = scenario.setUp();
        DefaultLayerObjective objective = setup.objective();
        RoundingSpace space = setup.build().problem().space();
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 6; round++) {
            double[] expected = Fixtures.trueGaps(Fixtures.withAssignment(setup.partlyRounded(), Scenario.LAST, space,
                    objective.assignment()), setup.calibration(), setup.build().band());
            double[] actual = objective.bandGaps();
            assertEquals(setup.build().bandSize(), actual.length);
            for (int x = 0; x < expected.length; x++) {
                assertEquals(expected[x], actual[x], 1e-9 * Math.max(1, Math.abs(expected[x])), "band sample " + x);
            }
            for (int k = 0; k < 15; k++) {
                objective.flip(random.nextInt(objective.variables()));
            }
        }
    }

    /**
     * For a hidden layer the gap is piecewise linear in the layer's pre-activation {@code z_l}: linear while the
     * ReLU pattern of layers {@code l .. L-2} stays as at round-to-nearest. So a band sample whose pattern did not
     * change must match to 1e-9 (rounding only). A sample whose pattern changed may differ, but by no more than
     * {@code 2 Lip ||dz_l||}: both the true and the first-order gap move from {@code m_0} by at most
     * {@code Lip ||dz_l||}, with {@code Lip = ||w_c1 - w_c2|| prod_k ||W_k||_F} the Lipschitz bound of the layers
     * above (ReLU is 1-Lipschitz) and {@code dz_l = (W^ - W^0) h_x}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gap", "hinge"})
    void hiddenLayerGapsAreFirstOrderExactWithinAnActivationRegion(String kind) {
        Scenario scenario = new Scenario(new ObjectiveSpec(ObjectiveKind.parse(kind), 1, 0.4, 0.5,
                InputsMode.SEQUENTIAL), 1, 4, 23);
        Scenario.Setup setup = scenario.setUp();
        DefaultLayerObjective objective = setup.objective();
        RoundingSpace space = setup.build().problem().space();
        Mlp start = Fixtures.withAssignment(setup.partlyRounded(), 1, space, space.nearest());
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 3; k++) {
            objective.flip(random.nextInt(objective.variables()));
        }
        Mlp moved = Fixtures.withAssignment(setup.partlyRounded(), 1, space, objective.assignment());
        CalibrationBand band = setup.build().band();
        double[] expected = Fixtures.trueGaps(moved, setup.calibration(), band);
        double[] actual = objective.bandGaps();

        Forward before = Forward.run(start, setup.calibration());
        Forward after = Forward.run(moved, setup.calibration());
        double[] dz = Matrices.values(after.preActivation(1).sub(before.preActivation(1)));
        int out = start.layer(1).out();
        int[] indices = band.indices();
        int[] c1 = band.first();
        int[] c2 = band.second();
        int samePattern = 0;
        for (int x = 0; x < indices.length; x++) {
            int i = indices[x];
            if (samePattern(before, after, i, 1, start.depth() - 2)) {
                samePattern++;
                assertEquals(expected[x], actual[x], 1e-9 * Math.max(1, Math.abs(expected[x])), "band sample " + x);
            } else {
                double norm = 0;
                for (int r = 0; r < out; r++) {
                    norm += dz[i * out + r] * dz[i * out + r];
                }
                double bound = 2 * lipschitz(start, c1[x], c2[x]) * Math.sqrt(norm);
                assertTrue(Math.abs(expected[x] - actual[x]) <= bound + 1e-9, "band sample " + x + ": |"
                        + expected[x] + " - " + actual[x] + "| > " + bound);
            }
        }
        assertTrue(samePattern >= indices.length / 2, "a few flips should leave most ReLU patterns alone, kept "
                + samePattern + " of " + indices.length);
        double[] start0 = Fixtures.trueGaps(start, setup.calibration(), band);
        double moveSize = 0;
        for (int x = 0; x < start0.length; x++) {
            moveSize = Math.max(moveSize, Math.abs(expected[x] - start0[x]));
        }
        assertTrue(moveSize > 1e-6, "the flips should move some gap, moved " + moveSize);
    }

    private static boolean samePattern(Forward a, Forward b, int sample, int from, int to) {
        for (int k = from; k <= to; k++) {
            double[] za = Matrices.values(a.preActivation(k).getRow(sample));
            double[] zb = Matrices.values(b.preActivation(k).getRow(sample));
            for (int r = 0; r < za.length; r++) {
                if ((za[r] > 0) != (zb[r] > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double lipschitz(Mlp model, int c1, int c2) {
        int last = model.depth() - 1;
        DenseLayer top = model.layer(last);
        double pair = 0;
        for (int j = 0; j < top.in(); j++) {
            double d = (double) top.weight(c1, j) - top.weight(c2, j);
            pair += d * d;
        }
        double bound = Math.sqrt(pair);
        for (int k = 2; k < last; k++) {
            double f = 0;
            for (double w : model.layer(k).weightsAsDouble()) {
                f += w * w;
            }
            bound *= Math.sqrt(f);
        }
        return bound;
    }
}
