package org.barq.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code lambda} axis: logarithmic for {@code lambda > 0}, with {@code lambda = 0} as a separate tick at the
 * left, set apart by a break, since it has no logarithm. One tick per {@code lambda} of the sweep.
 */
final class LambdaAxis implements Axis {
    private final SortedSet<Double> lambdas;
    private final double zeroPosition;
    private final double lowest;
    private final double highest;
    private final double start;
    private final double end;

    /** @param lambdas the sweep's values, all {@code >= 0} (others are ignored) */
    LambdaAxis(Iterable<Double> lambdas) {
        this.lambdas = new TreeSet<>();
        for (double lambda : lambdas) {
            if (Double.isFinite(lambda) && lambda >= 0) {
                this.lambdas.add(lambda);
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double lambda : this.lambdas) {
            if (lambda > 0) {
                lo = Math.min(lo, Math.log10(lambda));
                hi = Math.max(hi, Math.log10(lambda));
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        this.lowest = lo;
        this.highest = hi;
        double span = hi - lo;
        this.zeroPosition = lo - Math.max(0.6, 0.2 * span);
        double pad = 0.06 * (hi - zeroPosition);
        this.start = zeroPosition - pad;
        this.end = hi + pad;
    }

    private double position(double lambda) {
        return lambda <= 0 ? zeroPosition : Math.log10(lambda);
    }

    /** {@inheritDoc} */
    @Override
    public double fraction(double value) {
        return (position(value) - start) / (end - start);
    }

    /** {@inheritDoc} */
    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        for (double lambda : lambdas) {
            ticks.add(new Tick(lambda, Numbers.compact(lambda)));
        }
        return ticks;
    }

    /** {@inheritDoc} */
    @Override
    public double breakAt() {
        double middle = (zeroPosition + Math.min(lowest, highest)) / 2;
        return (middle - start) / (end - start);
    }
}
