package org.barq.experiments.pipeline;

import java.util.List;
import org.barq.api.solver.ObjectiveTrace;

/**
 * What rounding one layer did.
 *
 * @param layer        0-based layer index
 * @param out          rows
 * @param in           columns
 * @param bits         bit width
 * @param variables    free weights
 * @param fixed        weights whose two choices coincide
 * @param bandSize     |B|, calibration samples in the band (0 without a surrogate)
 * @param nearest      R, G and J at round-to-nearest
 * @param solution     R, G and J at the solver's assignment
 * @param steps        the solver's step count
 * @param seconds      wall time of building the objective and solving
 * @param trace        the solver's anytime curve
 */
public record LayerReport(int layer, int out, int in, int bits, int variables, int fixed, int bandSize,
                          Terms nearest, Terms solution, long steps, double seconds,
                          List<ObjectiveTrace.Point> trace) {

    /**
     * The objective's parts at one assignment.
     *
     * @param r reconstruction {@code R}
     * @param g surrogate {@code G}
     * @param j {@code J}
     */
    public record Terms(double r, double g, double j) {
    }
}
