package org.barq.evaluation;

import org.barq.objectives.network.ClassPair;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.junit.jupiter.api.Test;

class InputGradientsTest {
    @Test
    void matchesCentralFiniteDifferencesOnARandomThreeLayerMlp() {
        Mlp model = TestModels.random(7, 6, 9, 8, 4);
        int n = 12;
        int d = 6;
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        Forward forward = Forward.run(model, Matrices.of(x, n, d));
        ClassPair pair = ClassPair.of(forward.logits());
        double[] grad = Matrices.values(InputGradients.ofPairGap(forward.pass(), pair));

        // every (sample, coordinate) perturbed up and down, in one batch
        double h = 1e-6;
        double[] plus = new double[n * d * d];
        double[] minus = new double[n * d * d];
        int[] c1 = pair.first();
        int[] c2 = pair.second();
        int[] first = new int[n * d];
        int[] second = new int[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int row = i * d + j;
                System.arraycopy(x, i * d, plus, row * d, d);
                System.arraycopy(x, i * d, minus, row * d, d);
                plus[row * d + j] += h;
                minus[row * d + j] -= h;
                first[row] = c1[i];
                second[row] = c2[i];
            }
        }
        ClassPair repeated = new ClassPair(first, second);
        double[] up = repeated.gaps(Forward.run(model, Matrices.of(plus, n * d, d)).logits());
        double[] down = repeated.gaps(Forward.run(model, Matrices.of(minus, n * d, d)).logits());
        double largest = 0.0;
        for (int k = 0; k < n * d; k++) {
            double numeric = (up[k] - down[k]) / (2 * h);
            assertEquals(numeric, grad[k], 1e-6, "sample " + k / d + ", coordinate " + k % d);
            largest = Math.max(largest, Math.abs(grad[k]));
        }
        // a gradient of zeros would pass trivially; the network must actually reach the input
        assertEquals(true, largest > 0.1);
    }

    @Test
    void isTheWeightDifferenceForALinearModel() {
        Mlp model = TestModels.linear(3, 2, new float[] {1, 2, -1, 0.5f, 3, -2}, new float[] {0, 0, 0});
        Forward forward = Forward.run(model, Matrices.of(new double[] {1, 0}, 1, 2));
        // logits [1, -1, 3]: c1 = 2, c2 = 0 -> gradient w_2 - w_0 = (2, -4)
        ClassPair pair = ClassPair.of(forward.logits());
        assertEquals(2, pair.first()[0]);
        assertEquals(0, pair.second()[0]);
        assertArrayEquals(new double[] {2, -4}, Matrices.values(InputGradients.ofPairGap(forward.pass(), pair)), 0.0);
    }
}
