package org.barq.report;

import java.util.ArrayList;
import java.util.List;

/** A linear axis whose ends are rounded out to "nice" tick steps (1, 2 or 5 times a power of ten). */
final class LinearAxis implements Axis {
    private static final int TARGET_TICKS = 5;
    private final double min;
    private final double max;
    private final double step;

    private LinearAxis(double min, double max, double step) {
        this.min = min;
        this.max = max;
        this.step = step;
    }

    /**
     * @param low  the smallest value to show (non-finite: the axis is 0..1)
     * @param high the largest value to show
     * @return an axis covering both, widened to whole tick steps; a single value gets some room on both sides
     */
    static LinearAxis covering(double low, double high) {
        return covering(low, high, 0);
    }

    /**
     * @param low       the smallest value to show (non-finite: the axis is 0..1)
     * @param high      the largest value to show
     * @param leastStep the smallest tick step, e.g. 1 for a count, whose ticks then fall on whole numbers
     * @return an axis covering both, widened to whole tick steps; a single value gets some room on both sides
     */
    static LinearAxis covering(double low, double high, double leastStep) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return new LinearAxis(0, 1, 0.2);
        }
        double lo = Math.min(low, high);
        double hi = Math.max(low, high);
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        double step = Math.max(leastStep, niceStep((hi - lo) / TARGET_TICKS));
        return new LinearAxis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double mantissa = raw / power;
        double nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
        return nice * power;
    }

    /** {@inheritDoc} */
    @Override
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** {@inheritDoc} */
    @Override
    public List<Tick> ticks() {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<Tick> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            double value = min + i * step;
            ticks.add(new Tick(value, Numbers.fixed(Math.abs(value) < step * 1e-9 ? 0 : value, decimals)));
        }
        return ticks;
    }
}
