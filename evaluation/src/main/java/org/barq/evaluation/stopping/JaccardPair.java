package org.barq.evaluation.stopping;

/**
 * One variant (bits x method x lambda x seed) of the "calibration predicts held-out" check (FORMULATION §5).
 *
 * @param variant     a name for the variant, for the reader
 * @param calibration its slice-boundary Jaccard on the calibration set
 * @param heldOut     its slice-boundary Jaccard on the test set
 */
public record JaccardPair(String variant, double calibration, double heldOut) {
}
