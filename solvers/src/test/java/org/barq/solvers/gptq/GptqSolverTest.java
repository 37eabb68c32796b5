package org.barq.solvers.gptq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GptqSolverTest {
    private final GptqSolver solver = new GptqSolver();

    /**
     * With {@code X_q = X_f} and no surrogate the test objective is exactly {@code R}. GPTQ's own rounding (before the
     * fall-back guard) must beat round-to-nearest on most problems, and the solver's result is never worse.
     */
    @Test
    void reconstructionWithEqualInputsBeatsNearest() {
        int better = 0;
        int problems = 12;
        for (int p = 0; p < problems; p++) {
            TestProblems.Instance instance = TestProblems.instance(600 + p, 8, 32, 3, true);
            RoundingProblem problem = instance.problem();
            Objective objective = instance.fresh();
            double nearest = objective.terms().reconstruction();
            boolean[] raw = new boolean[problem.space().variables()];
            GptqSolver.round(problem, InverseHessianFactor.upper(problem.hessian(), problem.layer().in(), 0.01), raw,
                    () -> false);
            Objective check = instance.fresh();
            check.assign(raw);
            better += check.terms().reconstruction() < nearest ? 1 : 0;
            SolverResult result = solver.solve(problem, objective, TestProblems.context(solver, 0, 1, Map.of()));
            check.assign(result.assignment());
            assertTrue(check.terms().reconstruction() <= nearest, "problem " + p);
            assertEquals(columnsOf(problem), result.steps());
        }
        assertTrue(better >= problems - 1, "GPTQ beat RTN on only " + better + " of " + problems);
    }

    private static long columnsOf(RoundingProblem problem) {
        return problem.layer().in();
    }

    @Test
    void diagonalHessianSpreadsNoErrorSoGivesNearest() {
        TestProblems.Instance instance = TestProblems.instance(610, 6, 10, 3, true);
        RoundingProblem p = instance.problem();
        int in = p.layer().in();
        double[] diagonal = new double[in * in];
        for (int j = 0; j < in; j++) {
            diagonal[j * in + j] = 1.0 + j;
        }
        RoundingProblem diag = new RoundingProblem(0, p.layer(), p.space(), diagonal, p.samples());
        boolean[] up = new boolean[p.space().variables()];
        GptqSolver.round(diag, InverseHessianFactor.upper(diagonal, in, 0.01), up, () -> false);
        assertArrayEquals(p.space().nearest(), up);
    }

    @Test
    void factorIsTheUpperCholeskyOfTheDampedInverse() {
        int in = 4;
        double[] h = {4, 1, 0, 0, 1, 3, 0.5, 0, 0, 0.5, 2, 0, 0, 0, 0, 0};
        double damp = 0.1;
        double[] u = InverseHessianFactor.upper(h, in, damp);
        double mean = (4 + 3 + 2) / 4.0;
        double[] damped = h.clone();
        for (int j = 0; j < in; j++) {
            damped[j * in + j] += damp * mean;
        }
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < j; k++) {
                assertEquals(0.0, u[j * in + k], "below the diagonal");
            }
        }
        double norm = mean + damp * mean;
        for (int a = 0; a < in; a++) {
            for (int b = 0; b < in; b++) {
                double product = 0;
                for (int k = 0; k < in; k++) {
                    double inverse = 0;
                    for (int m = 0; m < in; m++) {
                        inverse += u[m * in + a] * u[m * in + k];
                    }
                    product += inverse * damped[k * in + b] / norm;
                }
                assertEquals(a == b ? 1.0 : 0.0, product, 1e-10, "(U^T U)(H + dI)/norm at " + a + "," + b);
            }
        }
    }

    /**
     * The lazy batches must choose what spreading each column's error to every later column at once chooses
     * (FORMULATION §4): layers wider than one block, with the feedback stopped before, inside and after the blocks.
     */
    @ParameterizedTest
    @CsvSource({"620, 300, 300", "621, 300, 200", "622, 300, 128", "623, 129, 0", "624, 257, 256"})
    void lazyBatchesChooseWhatColumnByColumnSpreadChooses(long seed, int in, int feedbackColumns) {
        assertTrue(in > GptqSolver.BLOCK, "the layer must span more than one block");
        RoundingProblem problem = TestProblems.instance(seed, 5, in, 3, true).problem();
        double[] factor = InverseHessianFactor.upper(problem.hessian(), in, 0.01);
        boolean[] blocked = new boolean[problem.space().variables()];
        long fed = GptqSolver.round(problem, factor, blocked, after(feedbackColumns));
        assertEquals(feedbackColumns, fed);
        assertArrayEquals(columnByColumn(problem, factor, feedbackColumns), blocked);
    }

    /**
     * Group-wise scales (AutoGPTQ's static groups): the grid is fitted to the float weights before the first column
     * and GPTQ's updates never move it; each choice is still one of the original weight's two codes on its group's
     * grid, the lazy batches agree with the column-by-column spread across group and block boundaries, and
     * reconstruction beats round-to-nearest.
     */
    @ParameterizedTest
    @CsvSource({"630, 300, 20", "631, 300, 300", "632, 256, 16", "633, 160, 32"})
    void withGroupsTheGridIsFixedUpFrontAndTheBatchesAgree(long seed, int in, int groupSize) {
        TestProblems.Instance instance = TestProblems.instance(seed, 6, in, 3, true, groupSize);
        RoundingProblem problem = instance.problem();
        RoundingSpace space = problem.space();
        float[] scalesBefore = space.grid().scales();
        assertEquals(groupSize, space.grid().groupSize());
        assertArrayEquals(org.barq.api.grid.LayerGrid.fit(problem.layer(), space.grid().spec()).scales(), scalesBefore,
                "the grid is the float weights' fit");
        double[] factor = InverseHessianFactor.upper(problem.hessian(), in, 0.01);
        boolean[] blocked = new boolean[space.variables()];
        GptqSolver.round(problem, factor, blocked, () -> false);
        assertArrayEquals(columnByColumn(problem, factor, in), blocked);
        assertArrayEquals(scalesBefore, space.grid().scales(), "GPTQ never refits the grid");
        byte[] codes = space.codes(blocked);
        for (int i = 0; i < codes.length; i++) {
            int r = i / in;
            int j = i % in;
            int floor = space.grid().floorCode(r, j, problem.layer().weight(r, j));
            assertTrue(codes[i] == floor || codes[i] == space.grid().upCode(floor), "weight " + i
                    + " keeps one of its two codes on its group's grid");
        }
        Objective nearest = instance.fresh();
        Objective check = instance.fresh();
        check.assign(blocked);
        assertTrue(check.terms().reconstruction() < nearest.terms().reconstruction(), "GPTQ beats RTN with groups");
        SolverResult result = solver.solve(problem, instance.fresh(), TestProblems.context(solver, 0, 1, Map.of()));
        check.assign(result.assignment());
        assertTrue(check.terms().reconstruction() <= nearest.terms().reconstruction());
    }

    private static BooleanSupplier after(int polls) {
        int[] seen = {0};
        return () -> seen[0]++ >= polls;
    }

    /** GPTQ as FORMULATION §4 states it: each column's error goes to all later columns before the next is rounded. */
    private static boolean[] columnByColumn(RoundingProblem problem, double[] factor, int feedbackColumns) {
        RoundingSpace space = problem.space();
        int rows = space.rows();
        int in = space.cols();
        double[] w = problem.layer().weightsAsDouble();
        boolean[] up = new boolean[space.variables()];
        for (int j = 0; j < in; j++) {
            for (int r = 0; r < rows; r++) {
                int i = r * in + j;
                int v = space.variableOf(i);
                double rounded = space.grid().dequantize(r, j, space.floorCode(i));
                if (v >= 0) {
                    up[v] = w[i] - space.value(v, false) >= space.value(v, true) - w[i];
                    rounded = space.value(v, up[v]);
                }
                double e = (w[i] - rounded) / factor[j * in + j];
                for (int k = j + 1; j < feedbackColumns && k < in; k++) {
                    w[r * in + k] -= e * factor[j * in + k];
                }
            }
        }
        return up;
    }
    @Test
    void actOrderTakesTheColumnsByDecreasingDiagonalTiesByIndex() {
        double[] h = {2, 0, 0, 0, 0, 5, 0, 0, 0, 0, 2, 0, 0, 0, 0, 7};
        assertArrayEquals(new int[] {3, 1, 0, 2}, GptqSolver.actOrder(h, 4));
    }

    /** Act-order is plain GPTQ on the layer with its columns (and H's) permuted, choice for choice. */
    @ParameterizedTest
    @CsvSource({"11, 12, 3", "12, 20, 4", "13, 140, 2"})
    void actOrderIsPlainGptqOnThePermutedLayer(long seed, int in, int bits) {
        RoundingProblem problem = TestProblems.instance(seed, 5, in, bits, true).problem();
        int[] order = GptqSolver.actOrder(problem.hessian(), in);
        int out = problem.layer().out();
        float[] weights = new float[out * in];
        for (int r = 0; r < out; r++) {
            for (int j = 0; j < in; j++) {
                weights[r * in + j] = problem.layer().weight(r, order[j]);
            }
        }
        org.barq.api.model.DenseLayer layer = new org.barq.api.model.DenseLayer(out, in, weights, new float[out]);
        RoundingSpace space = RoundingSpace.of(layer,
                org.barq.api.grid.LayerGrid.fit(layer, problem.space().grid().spec()));
        double[] h = GptqSolver.permuted(problem.hessian(), in, order);
        RoundingProblem permuted = new RoundingProblem(0, layer, space, h, problem.samples());
        double[] factor = InverseHessianFactor.upper(h, in, 0.01);
        boolean[] plain = new boolean[space.variables()];
        GptqSolver.round(permuted, factor, plain, () -> false);
        boolean[] act = new boolean[problem.space().variables()];
        GptqSolver.round(problem, factor, order, act, () -> false);
        for (int r = 0; r < out; r++) {
            for (int j = 0; j < in; j++) {
                int p = space.variableOf(r * in + j);
                int o = problem.space().variableOf(r * in + order[j]);
                assertEquals(p < 0, o < 0, "fixed on one side only: row " + r + ", column " + order[j]);
                if (p >= 0) {
                    assertEquals(plain[p], act[o], "row " + r + ", column " + order[j]);
                }
            }
        }
    }
}
