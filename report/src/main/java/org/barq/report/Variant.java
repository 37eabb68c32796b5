package org.barq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code results.jsonl}: a rounding variant and its metrics.
 *
 * @param id            the variant's name
 * @param index         its position in the run (orders the report); {@code Integer.MAX_VALUE} when absent
 * @param bits          the bit width
 * @param grid          the grid, e.g. {@code absmax} or {@code mse/g32} for groups of 32 inputs, or "" when absent
 * @param solver        the solver's name
 * @param solverOptions the solver's options as compact JSON, or "" when absent
 * @param kind          the objective's kind; {@link ReportKeys#KIND_RECONSTRUCTION} when absent
 * @param lambda        the objective's {@code lambda}; 0 when absent
 * @param inputs        the objective's inputs, or "" when absent
 * @param seed          the seed; {@link #NO_SEED} when absent
 * @param calibration   the calibration metrics object (possibly a missing node)
 * @param test          the test metrics object (possibly a missing node)
 * @param traces        the per-layer anytime traces (layers without one are left out)
 * @param method        the column label: the solver, plus what tells apart its different settings in this run
 * @param member        the cluster member that ran it ({@code host:port}), or "" for a local run
 * @param reconstruction the summed reconstruction {@code R} of all layers ({@code r_total}); NaN when absent
 * @param logitsReconstruction the last layer's {@code R}, the logits' reconstruction, of the final rounding; NaN when
 *                       absent
 * @param expectedFlipRatio what the output pass's cross-validation expects of the held-out band pair-order flips, as a
 *                       fraction of its start's; NaN without one
 * @param correction    the correction of the logits fitted after rounding, for a corrected variant
 */
record Variant(String id, int index, int bits, String grid, String solver, String solverOptions, String kind,
               double lambda, String inputs, long seed, JsonNode calibration, JsonNode test, List<LayerTrace> traces,
               String method, String member, double reconstruction, double logitsReconstruction,
               double expectedFlipRatio, Optional<Correction> correction) {

    /**
     * A correction of the rounded model's logits. It changes no weight, so the line's figures of the rounding (its
     * {@code R}s) are those of the uncorrected variant; its own effect is on the logits' calibration error.
     *
     * @param label  its config label, which ends the variant's column label ({@code gptq+cat})
     * @param before the mean squared distance of the rounded model's logits to the float model's, calibration split
     * @param after  the same with the correction; NaN when the line lacks either
     */
    record Correction(String label, double before, double after) {
    }

    /** The seed of a line that states none. */
    static final long NO_SEED = Long.MIN_VALUE;

    /** Copies the list. */
    Variant {
        traces = List.copyOf(traces);
    }

    /** @return a test metric, NaN when absent */
    double test(String metric) {
        return JsonValues.number(test, metric);
    }

    /** @return a calibration metric, NaN when absent */
    double calibration(String metric) {
        return JsonValues.number(calibration, metric);
    }

    /**
     * @param key {@link ReportKeys#R_TOTAL}, {@link ReportKeys#R_LOGITS} or {@link ReportKeys#EXPECTED_FLIP_RATIO}
     * @return that figure of the line's own, NaN when absent
     * @throws IllegalArgumentException for a key the line carries no figure of
     */
    double figure(String key) {
        return switch (key) {
            case ReportKeys.R_TOTAL -> reconstruction;
            case ReportKeys.R_LOGITS -> logitsReconstruction;
            case ReportKeys.EXPECTED_FLIP_RATIO -> expectedFlipRatio;
            default -> throw new IllegalArgumentException("a results line has no figure '" + key + "'");
        };
    }

    /** @return the variant in words, for a caption: "4 bits, cd-from-gptq, hinge, lambda 3, seed 0" */
    String description() {
        List<String> parts = new ArrayList<>(List.of(bits + " bits", method));
        if (!isReconstruction()) {
            parts.add(kind);
        }
        parts.add("lambda " + Numbers.compact(lambda));
        if (seed != NO_SEED) {
            parts.add("seed " + seed);
        }
        return String.join(", ", parts);
    }

    /** @return whether the objective is pure reconstruction ({@code lambda = 0}, whatever the surrogate's kind) */
    boolean isReconstruction() {
        return lambda == 0;
    }

    /** @return this variant under another column label */
    Variant withMethod(String label) {
        return new Variant(id, index, bits, grid, solver, solverOptions, kind, lambda, inputs, seed, calibration, test,
                traces, label, member, reconstruction, logitsReconstruction, expectedFlipRatio, correction);
    }
}
