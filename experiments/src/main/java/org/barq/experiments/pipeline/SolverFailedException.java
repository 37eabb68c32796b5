package org.barq.experiments.pipeline;

/**
 * A solver threw or returned an answer that does not fit its layer. When the solver is a plug-in the fault is the
 * plug-in's, which the command-line says without calling it one of barq's bugs.
 */
public final class SolverFailedException extends IllegalStateException {
    private final boolean plugin;

    /**
     * @param message what failed, naming the solver, its class and the layer
     * @param plugin  whether the solver was loaded from outside barq's own code
     * @param cause   what the solver threw, or null
     */
    public SolverFailedException(String message, boolean plugin, Throwable cause) {
        super(message, cause);
        this.plugin = plugin;
    }

    /** @return whether the solver was loaded from outside barq's own code */
    public boolean plugin() {
        return plugin;
    }
}
