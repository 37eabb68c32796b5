package org.barq.solvers.gptq;

import org.barq.api.grid.LayerGrid;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.Deadline;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;

/**
 * GPTQ (Frantar et al. 2023) restricted to barq's up/down space (FORMULATION §4, §8). Starting from the float
 * weights {@code W}, columns {@code j = 0 .. in-1} are rounded in order, all rows at once: each weight goes to
 * whichever of its own two codes is nearer to its error-corrected value (a fixed weight keeps its one code), and the
 * error {@code (w - w^) / U_jj} is spread to the later columns of its row through row {@code j} of
 * {@link InverseHessianFactor}. It reads {@code H} from the problem, not {@code J}; {@code J} only judges the result,
 * which falls back to the start when it is worse.
 *
 * <p>One step is one column. When the time runs out mid-way, the remaining columns are rounded to their nearer code
 * without further error feedback.
 */
public final class GptqSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "gptq";

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "GPTQ: columns rounded in order to the nearer of their two codes, error spread through H^-1",
            GptqOptions.SPECS);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        GptqOptions options = GptqOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        boolean[] up = new boolean[problem.space().variables()];
        long columns = choices(problem, options.damp(), up, deadline);
        objective.assign(up);
        boolean[] result = start.settle(objective);
        return new SolverResult(result, trace.finish(columns, objective.value()), columns);
    }

    /**
     * GPTQ's choices, for a solver that starts from them.
     *
     * @param problem  the layer
     * @param damp     the damping, as a fraction of {@code H}'s mean diagonal
     * @param up       filled with the choice of every variable
     * @param deadline when to stop spreading errors
     * @return the number of columns rounded with error feedback
     */
    public static long choices(RoundingProblem problem, double damp, boolean[] up, Deadline deadline) {
        double[] u = InverseHessianFactor.upper(problem.hessian(), problem.layer().in(), damp);
        return round(problem, u, up, deadline);
    }

    /**
     * The GPTQ column loop.
     *
     * @param problem  the layer
     * @param factor   {@link InverseHessianFactor#upper}, row-major {@code [in, in]}
     * @param up       filled with the choice of every variable
     * @param deadline when to stop spreading errors
     * @return the number of columns rounded with error feedback
     */
    static long round(RoundingProblem problem, double[] factor, boolean[] up, Deadline deadline) {
        RoundingSpace space = problem.space();
        LayerGrid grid = space.grid();
        int rows = space.rows();
        int in = space.cols();
        double[] w = problem.layer().weightsAsDouble();
        double[] error = new double[rows];
        long withFeedback = 0;
        boolean feedback = true;
        for (int j = 0; j < in; j++) {
            feedback = feedback && !deadline.passed();
            double pivot = factor[j * in + j];
            for (int r = 0; r < rows; r++) {
                int i = r * in + j;
                int v = space.variableOf(i);
                double rounded;
                if (v < 0) {
                    rounded = grid.dequantize(r, space.floorCode(i));
                } else {
                    double down = space.value(v, false);
                    double upValue = space.value(v, true);
                    up[v] = w[i] - down >= upValue - w[i];
                    rounded = up[v] ? upValue : down;
                }
                error[r] = (w[i] - rounded) / pivot;
            }
            if (!feedback) {
                continue;
            }
            withFeedback++;
            for (int r = 0; r < rows; r++) {
                double e = error[r];
                int base = r * in;
                int spread = j * in;
                for (int k = j + 1; k < in; k++) {
                    w[base + k] -= e * factor[spread + k];
                }
            }
        }
        return withFeedback;
    }
}
