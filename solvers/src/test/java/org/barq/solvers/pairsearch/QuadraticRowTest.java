package org.barq.solvers.pairsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.solvers.Neighbours;
import org.barq.solvers.RowRanges;
import org.barq.solvers.TestProblems;
import org.junit.jupiter.api.Test;

/** A row's own quadratic agrees with the objective it was read from, move for move. */
class QuadraticRowTest {
    private static final double TOLERANCE = 1e-10;

    @Test
    void deltasAndPairDeltasFollowTheObjectiveThroughFlipsMarksAndResets() {
        TestProblems.Instance instance = TestProblems.instance(77, 3, 24, 3, true);
        RoundingProblem problem = instance.problem();
        RowRanges rows = RowRanges.of(problem.space());
        Neighbours neighbours = Neighbours.of(problem.hessian(), problem.layer().in(), 5);
        SplittableRandom random = new SplittableRandom(5);
        Objective source = instance.fresh();
        double kappa = QuadraticRow.kappa(source, problem.samples());
        double[][] hessianRows = problem.hessianRows();
        for (int r = 0; r < rows.rows(); r++) {
            int first = rows.start(r);
            QuadraticRow row = new QuadraticRow(source, problem, hessianRows, first, rows.end(r), kappa);
            Objective reference = source.copy();
            assertAgrees(row, reference, first, neighbours);
            for (int step = 0; step < 40; step++) {
                int i = random.nextInt(row.size());
                row.flip(i);
                reference.flip(first + i);
                assertAgrees(row, reference, first, neighbours);
            }
            row.mark();
            boolean[] marked = reference.assignment();
            for (int step = 0; step < 5; step++) {
                row.flip(random.nextInt(row.size()));
            }
            row.reset();
            assertAgrees(row, reference, first, neighbours);
            row.finish();
            for (int v = first; v < rows.end(r); v++) {
                assertEquals(marked[v], source.isUp(v), "variable " + v + " after finish");
            }
        }
        Objective check = source.copy();
        assertEquals(check.recompute(), source.value(), TOLERANCE * Math.abs(source.value()));
    }

    /** Every single delta, and every neighbour pair's delta, of the row equal the reference objective's. */
    private static void assertAgrees(QuadraticRow row, Objective reference, int first, Neighbours neighbours) {
        for (int i = 0; i < row.size(); i++) {
            double d = row.delta(i);
            assertEquals(reference.delta(first + i), d, TOLERANCE, "delta of " + i);
            int[] near = neighbours.of(row.column(i));
            double[] h = neighbours.hessianOf(row.column(i));
            for (int n = 0; n < near.length; n++) {
                int j = row.variableAt(near[n]);
                if (j >= 0) {
                    assertEquals(reference.pairDelta(first + i, first + j), row.pairDelta(i, d, j, h[n]), TOLERANCE,
                            "pair " + i + ", " + j);
                }
            }
        }
    }
}
