package org.barq.solvers.exact;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.RowRanges;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;

/**
 * The certificate: the exact minimum of a row-separable {@code J}, row by row, by branch and bound
 * ({@link RowQubo}). Each row's problem is read through the objective contract, its linear terms as single-flip
 * deltas and its pair terms as {@code pairDelta - delta - delta} from the row with every variable down, so it is
 * the objective's own arithmetic. For rows of up to {@value #MAX_ROW_VARIABLES} variables: small layers in tests and
 * benchmarks that measure how far the heuristics land from the optimum. Not registered with the command line, whose
 * every solver must take every layer.
 */
public final class ExactSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "exact";
    /** The most variables of one row it takes. */
    public static final int MAX_ROW_VARIABLES = 30;

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "the exact optimum by branch and bound, for lambda = 0 and rows of at most " + MAX_ROW_VARIABLES
                    + " variables (a certificate for small layers)", List.of());

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        if (!objective.rowSeparable()) {
            throw new InvalidInputException("the exact solver needs independent rows (lambda = 0), and layer "
                    + problem.layerIndex() + "'s objective weights a surrogate. Maybe --lambda 0, or pair-search?");
        }
        RowRanges rows = RowRanges.of(problem.space());
        for (int r = 0; r < rows.rows(); r++) {
            if (rows.size(r) > MAX_ROW_VARIABLES) {
                throw new InvalidInputException("the exact solver takes rows of at most " + MAX_ROW_VARIABLES
                        + " variables, and row " + r + " of layer " + problem.layerIndex() + " has " + rows.size(r)
                        + ". Maybe pair-search, which lands within about 1 % of the optimum on small layers?");
            }
        }
        StartPoint start = StartPoint.of(objective);
        long nodes = 0;
        for (int r = 0; r < rows.rows(); r++) {
            nodes += solveRow(objective, rows.start(r), rows.end(r));
        }
        boolean[] result = start.settle(objective);
        return new SolverResult(result, new TraceRecorder(start.value()).finish(nodes, objective.value()), nodes);
    }

    /** Leaves the row at its optimum; @return the branch-and-bound nodes visited */
    private static long solveRow(Objective objective, int first, int end) {
        int n = end - first;
        boolean[] current = new boolean[n];
        for (int v = first; v < end; v++) {
            current[v - first] = objective.isUp(v);
            if (current[v - first]) {
                objective.flip(v);
            }
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = objective.delta(first + i);
        }
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double pair = objective.pairDelta(first + i, first + j) - a[i] - a[j];
                b[i * n + j] = pair;
                b[j * n + i] = pair;
            }
        }
        RowQubo qubo = new RowQubo(a, b);
        boolean[] optimum = qubo.solve(current);
        for (int i = 0; i < n; i++) {
            if (optimum[i]) {
                objective.flip(first + i);
            }
        }
        return qubo.nodes();
    }
}
