package org.barq.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of the benchmark table: a measured quantity, the median of its runs, and the target it must meet.
 *
 * @param id         a stable key, e.g. {@code layer0.coordinate-descent.reconstruction}
 * @param what       what was measured, for people
 * @param median     the median of {@code runs}; NaN when the measurement is not available
 * @param unit       the unit of {@code median} and {@code runs}
 * @param comparator {@code >=} or {@code <=} when there is a target, else null
 * @param bound      the target's bound in {@code unit}, or null
 * @param runs       every run's value, in run order
 * @param load       the 1-minute load average before and after the runs, e.g. {@code 2.31 -> 3.02}
 * @param note       how it was measured or why it is not available
 */
public record BenchRow(String id, String what, double median, String unit, String comparator, Double bound,
                       List<Double> runs, String load, String note) {

    /** Copies the runs. */
    public BenchRow {
        runs = List.copyOf(runs);
    }

    /**
     * @return a row for a measurement that could not be made
     */
    public static BenchRow unavailable(String id, String what, String unit, String comparator, Double bound,
                                       String note) {
        return new BenchRow(id, what, Double.NaN, unit, comparator, bound, List.of(), "", note);
    }

    /** @return the target as text, e.g. {@code >= 1e+08}, or an empty string when there is none */
    public String target() {
        return comparator == null ? "" : comparator + " " + format(bound);
    }

    /** @return true or false against the target; null when there is no target or no measurement */
    public Boolean pass() {
        if (comparator == null || Double.isNaN(median)) {
            return null;
        }
        return comparator.equals(">=") ? median >= bound : median <= bound;
    }

    /** @return {@code value} with four significant digits, in plain or scientific notation by size */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double a = Math.abs(value);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.3e", value);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    /** @return the median of the values (the mean of the middle two for an even count), NaN when there are none */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** Collects the runs of one measurement and the load around them. */
    public static final class Builder {
        private final List<Double> runs = new ArrayList<>();
        private final String loadBefore = LoadAverage.oneMinute();

        /** @param value one run's value */
        public void add(double value) {
            runs.add(value);
        }

        /** @return the runs so far */
        public List<Double> runs() {
            return runs;
        }

        /** @return the row, its median over the runs added */
        public BenchRow build(String id, String what, String unit, String comparator, Double bound, String note) {
            return new BenchRow(id, what, median(runs), unit, comparator, bound, runs,
                    loadBefore + " -> " + LoadAverage.oneMinute(), note);
        }
    }
}
