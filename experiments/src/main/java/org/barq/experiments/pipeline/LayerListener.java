package org.barq.experiments.pipeline;

/** Told when each layer is rounded, so the command line can show progress. */
@FunctionalInterface
public interface LayerListener {
    /**
     * @param report the finished layer
     * @param layers the model's layer count
     */
    void layerDone(LayerReport report, int layers);
}
