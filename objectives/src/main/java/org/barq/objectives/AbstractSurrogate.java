package org.barq.objectives;

import org.barq.objectives.network.MatrixBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A boundary surrogate {@code G = mean_{x in B} phi(m(x; u), t_x)} over the band's first-order gaps
 * (FORMULATION §3.2), with a per-sample target {@code t_x} and a penalty {@code phi} chosen by the subclass.
 * Immutable and shared by every copy of an objective: the gaps {@code m(x)} live with the caller.
 */
abstract class AbstractSurrogate {
    private final FirstOrderGaps model;
    private final double[] targets;
    private final int in;

    /**
     * @param model   the first-order gaps
     * @param targets {@code t_x}, one per band sample; kept
     */
    AbstractSurrogate(FirstOrderGaps model, double[] targets) {
        this.in = model.in();
        if (targets.length != model.size()) {
            throw new IllegalArgumentException(targets.length + " targets for " + model.size() + " band samples");
        }
        this.model = model;
        this.targets = targets;
    }

    /** @return {@code phi(m, t)} */
    abstract double penalty(double gap, double target);

    /** @return {@code d phi / d m} at {@code (m, t)} */
    abstract double slope(double gap, double target);

    /**
     * Subclasses may override with an algebraically equal form that cancels less.
     *
     * @return {@code phi(m + s, t) - phi(m, t)}
     */
    double change(double gap, double shift, double target) {
        return penalty(gap + shift, target) - penalty(gap, target);
    }

    /** @return {@code |B|} */
    int size() {
        return model.size();
    }

    /** @return the gaps at round-to-nearest, {@code m_0}, a fresh array */
    double[] nearestGaps() {
        return model.nearestGaps().clone();
    }

    /** @return {@code G} at the given gaps, summed in band order */
    double value(double[] gaps) {
        double sum = 0;
        for (int x = 0; x < gaps.length; x++) {
            sum += penalty(gaps[x], targets[x]);
        }
        return sum / gaps.length;
    }

    /**
     * The change of {@code G} when {@code w^_rj} moves by {@code d}: every gap moves by {@code d a_xr h_xj}; O(|B|),
     * visiting only the samples whose {@code h_xj} is not zero (the others do not move).
     *
     * @param gaps the current gaps, not modified
     * @return {@code G(after) - G(before)}
     */
    double delta(double[] gaps, int r, int j, double d) {
        double[] c = model.coefficients();
        if (c != null) {
            int size = gaps.length;
            double sum = 0;
            for (int x = 0, k = (r * in + j) * size; x < size; x++, k++) {
                if (c[k] != 0) {
                    sum += change(gaps[x], d * c[k], targets[x]);
                }
            }
            return sum / size;
        }
        double[] a = model.slopeColumns();
        int[] samples = model.columnSamples();
        double[] h = model.columnInputs();
        int[] start = model.columnStart();
        int size = gaps.length;
        int ar = r * size;
        double sum = 0;
        for (int k = start[j], end = start[j + 1]; k < end; k++) {
            int x = samples[k];
            sum += change(gaps[x], d * a[ar + x] * h[k], targets[x]);
        }
        return sum / size;
    }

    /**
     * Moves every gap by {@code d a_xr h_xj}, the effect of moving {@code w^_rj} by {@code d}; O(|B|), visiting only
     * the samples whose {@code h_xj} is not zero.
     */
    void move(double[] gaps, int r, int j, double d) {
        double[] c = model.coefficients();
        if (c != null) {
            for (int x = 0, k = (r * in + j) * gaps.length; x < gaps.length; x++, k++) {
                gaps[x] += d * c[k];
            }
            return;
        }
        double[] a = model.slopeColumns();
        int[] samples = model.columnSamples();
        double[] h = model.columnInputs();
        int[] start = model.columnStart();
        int ar = r * gaps.length;
        for (int k = start[j], end = start[j + 1]; k < end; k++) {
            int x = samples[k];
            gaps[x] += d * a[ar + x] * h[k];
        }
    }

    /**
     * @param deviation {@code E = W^ - W^0}, {@code [out, in]}
     * @return the gaps {@code m(x; u)} computed from scratch
     */
    double[] gaps(INDArray deviation) {
        return model.gaps(deviation);
    }

    /**
     * The relaxed evaluation: {@code G} and {@code dG / dW = sum_x (phi'(m_x) / |B|) a_x h_x^T} by two matrix
     * products, in preallocated buffers.
     *
     * @param deviation {@code E = W - W^0}, {@code [out, in]}
     * @param moved     scratch {@code [|B|, out]}
     * @param weighted  scratch {@code [|B|, out]}
     * @param gradient  receives {@code dG / dW}, {@code [out, in]}, downloaded into its mirror
     * @return {@code G}
     */
    double relaxed(INDArray deviation, MatrixBuffer moved, MatrixBuffer weighted, MatrixBuffer gradient) {
        if (model.coefficients() != null) {
            double[] gaps = model.gaps(deviation);
            double[] s = new double[gaps.length];
            double sum = 0;
            for (int x = 0; x < gaps.length; x++) {
                sum += penalty(gaps[x], targets[x]);
                s[x] = slope(gaps[x], targets[x]) / gaps.length;
            }
            System.arraycopy(model.weightedCoefficients(s), 0, gradient.values(), 0, gradient.values().length);
            gradient.upload();
            return sum / gaps.length;
        }
        Nd4j.gemm(model.inputs(), deviation, moved.matrix(), false, true, 1.0, 0.0);
        moved.download();
        double[] gaps = model.addMoves(moved.values(), new double[model.size()]);
        double[] a = model.slopeRows();
        double[] w = weighted.values();
        int out = model.out();
        int size = model.size();
        double sum = 0;
        for (int x = 0; x < size; x++) {
            sum += penalty(gaps[x], targets[x]);
            double s = slope(gaps[x], targets[x]) / size;
            for (int k = x * out, end = k + out; k < end; k++) {
                w[k] = a[k] * s;
            }
        }
        weighted.upload();
        Nd4j.gemm(weighted.matrix(), model.inputs(), gradient.matrix(), true, false, 1.0, 0.0);
        gradient.download();
        return sum / size;
    }
}
