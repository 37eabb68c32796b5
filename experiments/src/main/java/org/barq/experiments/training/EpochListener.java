package org.barq.experiments.training;

/** Receives training progress once per epoch. */
@FunctionalInterface
public interface EpochListener {
    /**
     * @param epoch         1-based epoch number
     * @param epochs        total epochs
     * @param loss          mean training cross-entropy over the epoch
     * @param trainAccuracy accuracy on the training split after the epoch
     */
    void epochDone(int epoch, int epochs, double loss, double trainAccuracy);
}
