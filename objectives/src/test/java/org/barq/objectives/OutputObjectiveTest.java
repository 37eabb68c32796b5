package org.barq.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.grid.LayerGrid;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;
import org.barq.api.problem.RoundingSpace;
import org.barq.objectives.network.ClassPair;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;
import org.barq.objectives.output.BetweenSamples;
import org.barq.objectives.output.LambdaSelection;
import org.barq.objectives.output.OutputMatching;
import org.barq.objectives.output.OutputObjective;
import org.barq.objectives.output.OutputPass;
import org.barq.objectives.output.OutputPassOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The output objective's incremental {@code R} and {@code G} against a full forward pass of the rounded network. */
class OutputObjectiveTest {
    private static final int BITS = 3;

    private final SplittableRandom random = new SplittableRandom(20);
    private final Mlp mlp = Fixtures.mlp(random, 9, 7, 6, 4);
    private final Network floatNet = Network.of(mlp);
    private final Dataset data = Fixtures.data(random, 60, 9, 4, 2);

    /** Every layer rounded to nearest: the first layer's rounding makes the pass's inputs differ from float ones. */
    private RoundedModel nearest() {
        List<QuantizedLayer> layers = new ArrayList<>();
        for (int l = 0; l < mlp.depth(); l++) {
            LayerGrid grid = Fixtures.grid(mlp, l, BITS);
            RoundingSpace space = RoundingSpace.of(mlp.layer(l), grid);
            layers.add(grid.quantized(space.codes(space.nearest())));
        }
        return RoundedModel.of(BITS, layers, floatNet);
    }

    /**
     * {@code R} and {@code G} of a rounded network from scratch, as FORMULATION §3.1 and issue 20 define them, and the
     * last layer's {@code R} (the logits' reconstruction) on its own.
     */
    private double[] fromScratch(RoundedModel rounded, double temperature) {
        INDArray x = Matrices.of(data.scaledInputs(mlp.scaling()), data.size(), data.dimension());
        NetworkPass f = NetworkPass.run(floatNet, x);
        NetworkPass q = NetworkPass.run(rounded.network(), x);
        double r = 0;
        double logits = 0;
        for (int i : new int[] {2, 4}) {
            INDArray target = f.input(i).mmul(Matrices.weight((org.barq.api.model.DenseLayer) floatNet.layer(i))
                    .transpose());
            INDArray got = q.input(i).mmul(Matrices.weight((org.barq.api.model.DenseLayer) rounded.network()
                    .layer(i)).transpose());
            double[] diff = Matrices.values(target.sub(got));
            for (double d : diff) {
                r += d * d / data.size();
                logits += i == 4 ? d * d / data.size() : 0;
            }
        }
        ClassPair pair = ClassPair.of(f.logits());
        double[] mf = pair.gaps(f.logits());
        double[] m = pair.gaps(q.logits());
        double t = Quantiles.linear(mf, temperature);
        double total = 0;
        double g = 0;
        for (int i = 0; i < mf.length; i++) {
            double w = Math.exp(-mf[i] / t);
            total += w;
            g += w * (m[i] - mf[i]) * (m[i] - mf[i]);
        }
        return new double[] {r, g / total, logits};
    }

    @Test
    void everyDeltaEqualsTheDifferenceOfTwoFullForwardPasses() {
        everyDeltaMatchesFullPasses(OutputMatching.LAYERS);
    }

    @Test
    void withTheLogitsAloneMatchedEveryDeltaWeighsTheLogitsReconstruction() {
        everyDeltaMatchesFullPasses(OutputMatching.LOGITS);
    }

    private void everyDeltaMatchesFullPasses(OutputMatching matching) {
        RoundedModel start = nearest();
        OutputObjective objective = OutputObjective.prepare(floatNet, start, data, 0.5).at(2.0, matching);
        double[] scratch = fromScratch(start, 0.5);
        // J's reconstruction: both layers', or the logits' alone, each over its own value at the start
        int part = matching == OutputMatching.LOGITS ? 2 : 0;
        assertEquals(scratch[0], objective.reconstruction(), 1e-9 * scratch[0]);
        assertEquals(scratch[1], objective.gap(), 1e-9 * scratch[1]);
        SplittableRandom order = new SplittableRandom(3);
        int flips = 0;
        for (int step = 0; step < 60; step++) {
            double before = objective.value();
            double delta;
            if (order.nextBoolean()) {
                int k = order.nextInt(4);
                int j = order.nextInt(6);
                delta = objective.deltaLast(k, j);
                objective.flipLast(k, j);
            } else {
                int unit = order.nextInt(6);
                int j = order.nextInt(7);
                objective.beginRow(unit);
                delta = objective.deltaPenultimate(unit, j);
                objective.flipPenultimate(unit, j);
            }
            flips += delta != 0 ? 1 : 0;
            assertEquals(objective.value() - before, delta, 1e-9);
            RoundedModel now = objective.applyTo(start);
            double[] full = fromScratch(now, 0.5);
            double j = full[part] / scratch[part] + 2.0 * full[1] / objective.startGap();
            assertEquals(j, objective.value(), 1e-9, "step " + step);
            assertEquals(full[0], objective.reconstruction(), 1e-9 * full[0], "R is both layers' either way");
            assertEquals(full[0], objective.fullReconstruction(), 1e-9 * full[0]);
            assertEquals(full[1], objective.fullGap(), 1e-9 * full[1]);
        }
        assertTrue(flips > 40, "most picks are free weights that flip, got " + flips);
    }

    @Test
    void aFirstLayerDeltaNeedsItsRowReadiedSinceTheLastLayerLastChanged() {
        OutputObjective objective = OutputObjective.prepare(floatNet, nearest(), data, 0.5)
                .at(2.0, OutputMatching.LOGITS);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> objective.deltaPenultimate(1, 0));
        assertTrue(none.getMessage().contains("Maybe call beginRow(1) first?"), none.getMessage());
        objective.beginRow(2);
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> objective.deltaPenultimate(1, 0));
        assertTrue(other.getMessage().contains("unit 2's is"), other.getMessage());
        objective.deltaPenultimate(2, 0);
        objective.flipLast(0, 0);
        assertThrows(IllegalStateException.class, () -> objective.deltaPenultimate(2, 0),
                "a last-layer flip moves the row's logit weights");
    }

    @Test
    void thePassLowersTheObjectiveAndTheSameSeedGivesTheSameCodes() {
        RoundedModel start = nearest();
        OutputObjective.Builder prepared = OutputObjective.prepare(floatNet, start, data, 1.0);
        OutputPassOptions options = new OutputPassOptions(3, 1.0, 2, 7);
        OutputPass.Result a = OutputPass.run(prepared, options);
        OutputPass.Result b = OutputPass.run(prepared, options);
        assertTrue(a.objective().value() < 1 + 3 - 1e-6, "J from 1 + lambda: " + a.objective().value());
        assertTrue(a.accepted()[0] > 0);
        assertArrayEquals(a.objective().lastCodes(), b.objective().lastCodes());
        assertArrayEquals(a.objective().penultimateCodes(), b.objective().penultimateCodes());
        assertNotEquals(java.util.Arrays.toString(start.quantized().get(2).codes()),
                java.util.Arrays.toString(a.objective().lastCodes()));
        assertArrayEquals(start.quantized().get(0).codes(), a.objective().applyTo(start).quantized().get(0).codes(),
                "the first layer is not the pass's");
        // run to a standstill, then no single flip of the last layer lowers J
        OutputPass.Result still = OutputPass.run(prepared.at(3), 7, 30);
        assertEquals(0, still.accepted()[29], "30 sweeps of 66 weights reach a local minimum");
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 6; j++) {
                assertTrue(still.objective().deltaLast(k, j) >= -1e-12);
            }
        }
    }

    @Test
    void pointsBetweenSamplesFollowTheSamplesAndDependOnTheSeedAlone() {
        Dataset more = BetweenSamples.add(floatNet, data, 2, 11);
        assertEquals(3 * data.size(), more.size());
        float[] raw = data.features();
        float[] mixed = more.features();
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i], mixed[i]);
        }
        assertArrayEquals(mixed, BetweenSamples.add(floatNet, data, 2, 11).features());
        assertNotEquals(java.util.Arrays.toString(mixed), java.util.Arrays.toString(BetweenSamples.add(floatNet,
                data, 2, 12).features()));
        // every added point lies on a segment between two samples, so within the data's per-feature range
        int d = data.dimension();
        for (int k = data.size(); k < more.size(); k++) {
            for (int j = 0; j < d; j++) {
                assertTrue(mixed[k * d + j] >= 0 && mixed[k * d + j] <= 16);
            }
        }
        assertEquals(data, BetweenSamples.add(floatNet, data, 0, 11));
        OutputPass.Result pass = OutputPass.run(OutputObjective.prepare(floatNet, nearest(),
                new OutputPassOptions(1, 1, 1, 3, 1, OutputMatching.LAYERS).fitted(floatNet, data), 1.0),
                new OutputPassOptions(1, 1, 1, 3, 1, OutputMatching.LAYERS));
        assertTrue(pass.objective().value() < 2);
    }

    @Test
    void crossValidationScoresEveryCandidateOnHeldOutFolds() {
        LambdaSelection.Choice choice = LambdaSelection.choose(floatNet, nearest(), data, new double[] {0, 1, 10}, 3,
                0.5, new OutputPassOptions(0, 1.0, 1, 5), 0, 1);
        assertEquals(3, choice.scores().size());
        int band = choice.scores().get(0).bandSize();
        assertTrue(band >= 28 && band <= 32, "half of each of 3 folds of 60: " + band);
        assertEquals(1.0, choice.scores().get(0).reconstructionRatio(), 1e-12);
        LambdaSelection.Score best = choice.scores().stream().filter(s -> s.lambda() == choice.lambda()).findFirst()
                .orElseThrow();
        for (LambdaSelection.Score s : choice.scores()) {
            assertTrue(best.heldOutGap() <= 1.02 * s.heldOutGap(), choice.toString());
            assertTrue(s.heldOutGap() > 0 && s.startFlips() == best.startFlips());
        }
        // flips near a boundary follow the gap error's size: the expectation is the chosen error's square root
        assertEquals(Math.sqrt(best.heldOutGap()), choice.expectedFlipRatio(), 0.0);
        // a limit on R that only lambda 0 meets
        double cap = choice.scores().get(0).startRatio();
        LambdaSelection.Choice capped = LambdaSelection.choose(floatNet, nearest(), data, new double[] {0, 1, 10}, 3,
                0.5, new OutputPassOptions(0, 1.0, 1, 5), Math.max(1, cap), 1);
        for (LambdaSelection.Score s : capped.scores()) {
            if (s.lambda() == capped.lambda()) {
                assertTrue(s.startRatio() <= Math.max(1, cap), capped.toString());
            }
        }
        // with the logits alone matched, the limit bounds R over the same pass at lambda 0, not over the start
        OutputPassOptions logits = new OutputPassOptions(0, 1.0, 1, 5, 0, OutputMatching.LOGITS);
        LambdaSelection.Choice free = LambdaSelection.choose(floatNet, nearest(), data, new double[] {0, 1, 10}, 3,
                0.5, logits, 0, 1);
        // a limit only the candidate with the least R against lambda 0 meets; every candidate's R over the start is
        // below it, so a limit read against the start would leave the choice free
        LambdaSelection.Score least = free.scores().stream()
                .min(java.util.Comparator.comparingDouble(LambdaSelection.Score::reconstructionRatio)).orElseThrow();
        double limit = least.reconstructionRatio() + 1e-12;
        assertTrue(free.scores().stream().allMatch(s -> s.startRatio() <= limit), free.toString());
        assertNotEquals(least.lambda(), free.lambda(), free.toString());
        LambdaSelection.Choice bounded = LambdaSelection.choose(floatNet, nearest(), data, new double[] {0, 1, 10},
                3, 0.5, logits, limit, 1);
        for (int c = 0; c < free.scores().size(); c++) {
            LambdaSelection.Score f = free.scores().get(c);
            LambdaSelection.Score b = bounded.scores().get(c);
            assertTrue(f.withinLimit(), "no limit: " + f);
            assertEquals(b.reconstructionRatio() <= limit, b.withinLimit(), b.toString());
            assertEquals(f, new LambdaSelection.Score(b.lambda(), b.bandFlips(), b.bandSize(),
                    b.reconstructionRatio(), b.startRatio(), b.heldOutGap(), b.startFlips(), true),
                    "the limit changes the choice, not the scores");
        }
        assertEquals(least.lambda(), bounded.lambda(), bounded.toString());
        LambdaSelection.Choice again = LambdaSelection.choose(floatNet, nearest(), data, new double[] {0, 1, 10}, 3,
                0.5, new OutputPassOptions(0, 1.0, 1, 5), 0, 1);
        assertEquals(choice, again);
        // the candidates of a fold run at once on a pool; the scores are summed in the same order
        for (int threads : new int[] {2, 4}) {
            assertEquals(choice, LambdaSelection.choose(floatNet, nearest(), data, new double[] {0, 1, 10}, 3, 0.5,
                    new OutputPassOptions(0, 1.0, 1, 5), 0, threads), "threads " + threads);
        }
        // without 0 among the candidates its pass still runs, as the reference of the limit
        LambdaSelection.Choice noZero = LambdaSelection.choose(floatNet, nearest(), data, new double[] {1, 10}, 3,
                0.5, new OutputPassOptions(0, 1.0, 1, 5), 0, 2);
        assertEquals(choice.scores().subList(1, 3).stream().map(LambdaSelection.Score::reconstructionRatio).toList(),
                noZero.scores().stream().map(LambdaSelection.Score::reconstructionRatio).toList());
    }

    @Test
    void badOptionsAndFoldCountsAreRefusedInOneLine() {
        assertThrows(InvalidInputException.class, () -> new OutputPassOptions(-1, 1, 2, 0));
        assertThrows(InvalidInputException.class, () -> new OutputPassOptions(1, 0, 2, 0));
        assertThrows(InvalidInputException.class, () -> new OutputPassOptions(1, 1, 0, 0));
        assertThrows(InvalidInputException.class, () -> new OutputPassOptions(1, 1, 1, 0, -1, OutputMatching.LAYERS));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LambdaSelection.choose(floatNet,
                nearest(), data, new double[] {1}, 1, 0.2, new OutputPassOptions(0, 1, 1, 0), 0, 1));
        assertTrue(e.getMessage().contains("folds 1"), e.getMessage());
    }
}
