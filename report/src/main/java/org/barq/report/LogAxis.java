package org.barq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A logarithmic axis for values {@code >= 0}: positive values on a log scale, 0 as a separate tick at the left, set
 * apart by a break, since it has no logarithm. Used for {@code lambda} (a tick at every value of the sweep) and for
 * elapsed seconds spanning several decades (a tick at every power of ten).
 */
final class LogAxis implements Axis {
    private final List<Tick> ticks;
    private final double zeroPosition;
    private final double lowest;
    private final double start;
    private final double end;

    private LogAxis(SortedSet<Double> values, boolean decades) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v > 0) {
                lo = Math.min(lo, Math.log10(v));
                hi = Math.max(hi, Math.log10(v));
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        if (decades) {
            lo = Math.floor(lo);
            hi = Math.ceil(hi);
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        this.lowest = lo;
        this.zeroPosition = lo - Math.max(0.6, 0.2 * (hi - lo));
        double pad = 0.06 * (hi - zeroPosition);
        this.start = zeroPosition - pad;
        this.end = hi + pad;
        this.ticks = new ArrayList<>();
        if (decades) {
            ticks.add(new Tick(0, "0"));
            for (long k = Math.round(Math.ceil(lo)); k <= Math.round(Math.floor(hi)); k++) {
                ticks.add(new Tick(Math.pow(10, k), Numbers.tick(Math.pow(10, k))));
            }
        } else {
            for (double v : values) {
                ticks.add(new Tick(v, Numbers.tick(v)));
            }
        }
    }

    /** @return an axis with a tick at each value given that is finite and {@code >= 0} */
    static LogAxis ticksAtValues(Iterable<Double> values) {
        return new LogAxis(usable(values), false);
    }

    /** @return an axis covering the values given, with a tick at 0 and at each power of ten in their range */
    static LogAxis ticksAtDecades(Iterable<Double> values) {
        return new LogAxis(usable(values), true);
    }

    private static SortedSet<Double> usable(Iterable<Double> values) {
        SortedSet<Double> usable = new TreeSet<>();
        for (double v : values) {
            if (Double.isFinite(v) && v >= 0) {
                usable.add(v);
            }
        }
        return usable;
    }

    private double position(double value) {
        return value <= 0 ? zeroPosition : Math.log10(value);
    }

    /** {@inheritDoc} */
    @Override
    public double fraction(double value) {
        return (position(value) - start) / (end - start);
    }

    /** {@inheritDoc} */
    @Override
    public List<Tick> ticks() {
        return List.copyOf(ticks);
    }

    /** {@inheritDoc} */
    @Override
    public double breakAt() {
        return ((zeroPosition + lowest) / 2 - start) / (end - start);
    }
}
