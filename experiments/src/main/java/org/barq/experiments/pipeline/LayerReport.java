package org.barq.experiments.pipeline;

import java.util.List;
import org.barq.api.solver.ObjectiveTrace;

/**
 * What rounding one layer did.
 *
 * @param layer        the layer's index in its checkpoint's tensor names: an MLP's dense layer number, else the
 *                     index in the network's layer list
 * @param spec         the layer as the architecture spec writes it, e.g. {@code conv(16,k5,p2)}
 * @param out          rows
 * @param in           columns
 * @param bits         bit width
 * @param variables    free weights
 * @param fixed        weights whose two choices coincide
 * @param bandSize     |B|, calibration samples in the band (0 without a surrogate)
 * @param rows         rows of {@code X} behind {@code H}: calibration samples, or a conv layer's sampled patches
 * @param availableRows the rows there were: calibration samples, or samples times a conv layer's output positions
 * @param nearest      R, G and J at round-to-nearest
 * @param solution     R, G and J at the solver's assignment
 * @param steps        the solver's step count
 * @param seconds      wall time of building the objective and solving
 * @param timeLimitReached whether the solve ran until its time limit, so that its codes may depend on the machine
 * @param trace        the solver's anytime curve
 * @param notes        the solver's one-line notes for the user (e.g. GPTQ's raised damping); usually none
 */
public record LayerReport(int layer, String spec, int out, int in, int bits, int variables, int fixed,
                          int bandSize, int rows, long availableRows, Terms nearest, Terms solution, long steps,
                          double seconds, boolean timeLimitReached, List<ObjectiveTrace.Point> trace,
                          List<String> notes) {

    /** @return whether {@code H} was built from a sample of the rows (a conv layer's patches beyond the cap) */
    public boolean sampled() {
        return rows < availableRows;
    }

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
