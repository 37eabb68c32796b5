package org.barq.solvers;

import org.barq.api.objective.Objective;
import org.barq.api.objective.ObjectiveTerms;

/** An {@link Objective} that forwards every call, for test doubles that bend one behaviour of a real one. */
public abstract class AbstractForwardingObjective implements Objective {
    /** The objective calls go to. */
    protected final Objective inner;

    /** @param inner the objective calls go to */
    protected AbstractForwardingObjective(Objective inner) {
        this.inner = inner;
    }

    @Override
    public int variables() {
        return inner.variables();
    }

    @Override
    public double value() {
        return inner.value();
    }

    @Override
    public ObjectiveTerms terms() {
        return inner.terms();
    }

    @Override
    public double delta(int v) {
        return inner.delta(v);
    }

    @Override
    public void flip(int v) {
        inner.flip(v);
    }

    @Override
    public boolean isUp(int v) {
        return inner.isUp(v);
    }

    @Override
    public boolean[] assignment() {
        return inner.assignment();
    }

    @Override
    public void assign(boolean[] up) {
        inner.assign(up);
    }

    @Override
    public double recompute() {
        return inner.recompute();
    }

    @Override
    public boolean rowSeparable() {
        return inner.rowSeparable();
    }

    @Override
    public double relaxedValue(double[] h, double[] gradient) {
        return inner.relaxedValue(h, gradient);
    }

    @Override
    public void relaxedGradient(double[] h, double[] gradient) {
        inner.relaxedGradient(h, gradient);
    }
}
