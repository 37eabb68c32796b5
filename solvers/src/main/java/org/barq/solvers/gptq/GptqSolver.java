package org.barq.solvers.gptq;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.barq.api.grid.LayerGrid;
import org.barq.api.objective.Objective;
import org.barq.api.problem.RoundingProblem;
import org.barq.api.problem.RoundingSpace;
import org.barq.api.solver.SolveContext;
import org.barq.api.solver.Solver;
import org.barq.api.solver.SolverDescriptor;
import org.barq.api.solver.SolverOptions;
import org.barq.api.solver.SolverResult;
import org.barq.solvers.Deadline;
import org.barq.solvers.StartPoint;
import org.barq.solvers.TraceRecorder;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPTQ (Frantar et al. 2023) restricted to barq's up/down space (FORMULATION §4, §8). Starting from the float
 * weights {@code W}, columns {@code j = 0 .. in-1} are rounded in order, all rows at once: each weight goes to
 * whichever of its own two codes is nearer to its error-corrected value (a fixed weight keeps its one code), and the
 * error {@code (w - w^) / U_jj} is spread to the later columns of its row through row {@code j} of
 * {@link InverseHessianFactor}. It reads {@code H} from the problem, not {@code J}; {@code J} only judges the result,
 * which falls back to the start when it is worse.
 *
 * <p>The grid is the space's, fitted to the float weights before the first column (with group-wise scales, every
 * group's scale is fixed up front, AutoGPTQ's static groups): the updates move the weights, never the grid.
 *
 * <p>One step is one column. When the time runs out mid-way, the remaining columns are rounded to their nearer code
 * without further error feedback.
 */
public final class GptqSolver implements Solver {
    /** The registry name. */
    public static final String NAME = "gptq";

    /** Columns per lazy batch; GPTQ's own choice, large enough for the product to pay, small enough for cache. */
    static final int BLOCK = 128;

    private static final SolverDescriptor DESCRIPTOR = new SolverDescriptor(NAME,
            "GPTQ: columns rounded in order to the nearer of their two codes, error spread through H^-1",
            GptqOptions.SPECS, false);

    @Override
    public SolverDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void checkOptions(SolverOptions options) {
        GptqOptions.from(options);
    }

    @Override
    public SolverResult solve(RoundingProblem problem, Objective objective, SolveContext context) {
        GptqOptions options = GptqOptions.from(context.options());
        Deadline deadline = Deadline.of(context);
        StartPoint start = StartPoint.of(objective);
        TraceRecorder trace = new TraceRecorder(start.value());
        boolean[] up = new boolean[problem.space().variables()];
        int in = problem.layer().in();
        int[] order = columnOrder(problem, options.actOrder());
        InverseHessianFactor.Factor factor = InverseHessianFactor.factor(permuted(problem.hessian(), in, order), in,
                options.damp());
        long columns = round(problem, factor.upper(), order, up, deadline::passed);
        objective.assign(up);
        boolean[] result = start.settle(objective);
        return new SolverResult(result, trace.finish(columns, objective.value()), columns,
                dampingNote(options.damp(), factor.damp()));
    }

    /** @return one line when the damping had to grow for {@code H} to be positive definite, else none */
    static List<String> dampingNote(double asked, double used) {
        if (used == asked) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "gptq: H + %s * mean(diag H) was not positive definite; used damping"
                + " %s instead (set it with --option damp=...)", asked, used));
    }

    /**
     * Puts the objective at GPTQ's choices (damping {@link GptqOptions#DEFAULT_DAMP}), for a solver that starts there.
     *
     * @param problem  the layer
     * @param objective the objective to move
     * @param deadline when to stop spreading errors
     */
    public static void warmStart(RoundingProblem problem, Objective objective, Deadline deadline) {
        warmStart(problem, objective, false, deadline);
    }

    /** As {@link #warmStart(RoundingProblem, Objective, Deadline)}, in act-order when {@code actOrder}. */
    public static void warmStart(RoundingProblem problem, Objective objective, boolean actOrder, Deadline deadline) {
        boolean[] warm = new boolean[objective.variables()];
        choices(problem, GptqOptions.DEFAULT_DAMP, actOrder, warm, deadline);
        objective.assign(warm);
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
        return choices(problem, damp, false, up, deadline);
    }

    /**
     * As {@link #choices(RoundingProblem, double, boolean[], Deadline)}, with the columns rounded by decreasing
     * {@code H_jj} when {@code actOrder}.
     */
    public static long choices(RoundingProblem problem, double damp, boolean actOrder, boolean[] up,
                               Deadline deadline) {
        int in = problem.layer().in();
        int[] order = columnOrder(problem, actOrder);
        double[] u = InverseHessianFactor.upper(permuted(problem.hessian(), in, order), in, damp);
        return round(problem, u, order, up, deadline::passed);
    }

    /**
     * The GPTQ column loop, in blocks of {@link #BLOCK} columns (GPTQ's lazy batch update): a column's error is
     * spread at once to the later columns of its own block, and a block's errors reach the columns after it in one
     * ND4J product, {@code W[:, after] -= E U[block, after]}. This is the same arithmetic as spreading each error to
     * every later column in turn, up to the order of the sums.
     *
     * <p>Within a block a row's choices depend only on that row's own errors, so the block is walked row by row,
     * along the row-major arrays, rather than column by column across rows: every weight sees the same subtractions in
     * the same order either way, and the row walk reads memory in sequence (a column walk misses the cache on every
     * row of a wide layer).
     *
     * @param problem  the layer
     * @param factor   {@link InverseHessianFactor#upper}, row-major {@code [in, in]}
     * @param up       filled with the choice of every variable
     * @param stop     polled before each column, all of a block's columns before the block; once true, no later
     *                 column spreads its error
     * @return the number of columns rounded with error feedback
     */
    static long round(RoundingProblem problem, double[] factor, boolean[] up, BooleanSupplier stop) {
        return round(problem, factor, identity(problem.layer().in()), up, stop);
    }

    /**
     * As {@link #round(RoundingProblem, double[], boolean[], BooleanSupplier)}, taking the columns in {@code order}
     * (column {@code order[j]} is the {@code j}-th rounded); {@code factor} is then that of {@code H} permuted alike.
     */
    static long round(RoundingProblem problem, double[] factor, int[] order, boolean[] up, BooleanSupplier stop) {
        RoundingSpace space = problem.space();
        int rows = space.rows();
        int in = space.cols();
        double[] w = problem.layer().weightsAsDouble();
        if (!isIdentity(order)) {
            double[] original = w;
            w = new double[original.length];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < in; j++) {
                    w[r * in + j] = original[r * in + order[j]];
                }
            }
        }
        double[] errors = new double[rows * BLOCK];
        Spread spread = new Spread(rows, in);
        long withFeedback = 0;
        boolean feedback = true;
        for (int first = 0; first < in; first += BLOCK) {
            int end = Math.min(in, first + BLOCK);
            int fed = 0;
            for (int j = first; j < end && feedback; j++) {
                feedback = !stop.getAsBoolean();
                fed += feedback ? 1 : 0;
            }
            for (int r = 0; r < rows; r++) {
                roundRowOfBlock(space, w, factor, order, r, first, end, first + fed, up, errors);
            }
            withFeedback += fed;
            spreadBeyondBlock(w, factor, in, rows, first, fed, end, errors, spread);
        }
        return withFeedback;
    }

    /**
     * Row {@code r} of one block: each weight goes to the nearer of its codes from its error-corrected value, and
     * the columns before {@code fedEnd} spread their error {@code (w - w^) / U_jj} to the rest of the block's row and
     * keep it in {@code errors} ({@code [rows, BLOCK]}) for {@link #spreadBeyondBlock}.
     */
    private static void roundRowOfBlock(RoundingSpace space, double[] w, double[] factor, int[] order, int r,
                                        int first, int end, int fedEnd, boolean[] up, double[] errors) {
        LayerGrid grid = space.grid();
        int in = space.cols();
        int base = r * in;
        for (int j = first; j < end; j++) {
            int i = base + j;
            int weight = base + order[j];
            int v = space.variableOf(weight);
            double rounded;
            if (v < 0) {
                rounded = grid.dequantize(r, order[j], space.floorCode(weight));
            } else {
                double down = space.value(v, false);
                double upValue = space.value(v, true);
                up[v] = w[i] - down >= upValue - w[i];
                rounded = up[v] ? upValue : down;
            }
            if (j >= fedEnd) {
                continue;
            }
            double e = (w[i] - rounded) / factor[j * in + j];
            errors[r * BLOCK + j - first] = e;
            int spread = j * in;
            for (int k = j + 1; k < end; k++) {
                w[base + k] -= e * factor[spread + k];
            }
        }
    }

    /** @return the order the columns are rounded in: by decreasing {@code H_jj} when {@code actOrder}, else theirs */
    private static int[] columnOrder(RoundingProblem problem, boolean actOrder) {
        int in = problem.layer().in();
        return actOrder ? actOrder(problem.hessian(), in) : identity(in);
    }

    private static boolean isIdentity(int[] order) {
        for (int j = 0; j < order.length; j++) {
            if (order[j] != j) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code 0 .. in - 1} */
    static int[] identity(int in) {
        int[] order = new int[in];
        for (int j = 0; j < in; j++) {
            order[j] = j;
        }
        return order;
    }

    /**
     * @return the columns by decreasing {@code H_jj}, ties by index: GPTQ's act-order ({@code desc_act}), which rounds
     *         the weights with the most input energy first, while the most later columns can still absorb their error
     */
    static int[] actOrder(double[] hessian, int in) {
        return java.util.stream.IntStream.range(0, in).boxed()
                .sorted(java.util.Comparator.<Integer>comparingDouble(j -> -hessian[j * in + j])
                        .thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * @return {@code H} with rows and columns in {@code order}, row-major; {@code hessian} itself, not a copy, when
     *         the order is the columns' own (no copy of a 4096 x 4096 {@code H} for plain GPTQ)
     */
    static double[] permuted(double[] hessian, int in, int[] order) {
        if (isIdentity(order)) {
            return hessian;
        }
        double[] p = new double[in * in];
        for (int a = 0; a < in; a++) {
            int from = order[a] * in;
            for (int b = 0; b < in; b++) {
                p[a * in + b] = hessian[from + order[b]];
            }
        }
        return p;
    }

    /**
     * The three matrices of {@link #spreadBeyondBlock}, allocated once per layer at their largest: allocating them
     * afresh for every block (the product alone is {@code rows x later} doubles) took more time than the products
     * themselves on a 2048 x 2048 layer (JFR: 97 of 178 samples of GPTQ in ND4J's buffer allocation).
     */
    private static final class Spread {
        private final DataBuffer e;
        private final DataBuffer u;
        private final DataBuffer product;
        private final double[] values;
        private final double[] later;

        Spread(int rows, int in) {
            int width = Math.max(0, in - Math.min(in, BLOCK));
            e = Nd4j.createBuffer(DataType.DOUBLE, Math.max(1L, (long) rows * BLOCK), false);
            u = Nd4j.createBuffer(DataType.DOUBLE, Math.max(1L, (long) BLOCK * width), false);
            product = Nd4j.createBuffer(DataType.DOUBLE, Math.max(1L, (long) rows * width), false);
            values = new double[rows * BLOCK];
            later = new double[Math.max(1, rows * width)];
        }

        /** @return a {@code [rows, cols]} c-order matrix over the start of {@code buffer} */
        static INDArray view(DataBuffer buffer, int rows, int cols) {
            return Nd4j.create(buffer, new long[] {rows, cols}, new long[] {cols, 1}, 0, 'c');
        }
    }

    /** {@code W[:, end..] -= E[:, 0..fed) U[first .. first+fed, end..]}: the block's errors reach the later columns. */
    private static void spreadBeyondBlock(double[] w, double[] factor, int in, int rows, int first, int fed, int end,
            double[] errors, Spread spread) {
        int later = in - end;
        if (fed == 0 || later == 0) {
            return;
        }
        double[] e = spread.values;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(errors, r * BLOCK, e, r * fed, fed);
        }
        spread.e.asNioDouble().put(e, 0, rows * fed);
        java.nio.DoubleBuffer u = spread.u.asNioDouble();
        for (int j = 0; j < fed; j++) {
            u.put(j * later, factor, (first + j) * in + end, later);
        }
        Nd4j.gemm(Spread.view(spread.e, rows, fed), Spread.view(spread.u, fed, later),
                Spread.view(spread.product, rows, later), false, false, 1.0, 0.0);
        double[] p = spread.later;
        spread.product.asNioDouble().get(0, p, 0, rows * later);
        for (int r = 0; r < rows; r++) {
            int base = r * in + end;
            int from = r * later;
            for (int k = 0; k < later; k++) {
                w[base + k] -= p[from + k];
            }
        }
    }
}
