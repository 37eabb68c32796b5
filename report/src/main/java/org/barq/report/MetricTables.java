package org.barq.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** The metric by bits x solver tables, at the reconstruction objective ({@code lambda = 0}). */
final class MetricTables {
    private MetricTables() {
    }

    /**
     * @param results the run's variants
     * @param metric  the metric shown
     * @return one row per bit width, one column per method; cells are the mean over seeds, "± std" when there is
     *         more than one seed, "n/a" where the run has no value. A figure of the line's own ({@code R}) is the
     *         rounding's, which a correction fitted after it does not change: with corrections, the caption says so,
     *         so that a corrected column's copy is not read as the corrected model's error
     */
    static Table table(Results results, Metric metric) {
        List<String> methods = results.methods();
        String caption = capitalise(metric.title()) + " (lambda = 0; " + results.seedStatistic(true) + "; the best"
                + " mean of each width marked, " + (metric.higherIsBetter() ? "higher" : "lower") + " is better)";
        List<String> corrections = results.correctionLabels();
        if (metric.source() == Metric.Source.LINE && !corrections.isEmpty()) {
            caption += ". The rounding's own figure, before any correction: a correction of the logits changes no"
                    + " weight, so the " + Prose.list(corrections.stream().map(c -> "+" + c).toList()) + " columns"
                    + " repeat their rounding's value; the corrected logits' error is in the table of calibration"
                    + " logit errors below";
        }
        Table table = byBits(caption, results, methods,
                (bits, method) -> Numbers.meanStd(metric.of(results.baseline(bits, method)), metric.decimals()));
        return new Table(table.caption(), table.header(), table.rows(), best(results, metric, methods));
    }

    /**
     * @return the {@code [row, column]} of each width's best mean, ties all marked; none in a row whose means are all
     *         equal (8 bits, where every method keeps every label), since marking every cell would say nothing
     */
    private static Set<List<Integer>> best(Results results, Metric metric, List<String> methods) {
        Set<List<Integer>> best = new HashSet<>();
        List<Integer> widths = results.bits();
        for (int r = 0; r < widths.size(); r++) {
            double[] means = new double[methods.size()];
            for (int m = 0; m < means.length; m++) {
                MeanStd stats = metric.of(results.baseline(widths.get(r), methods.get(m)));
                means[m] = stats.n() == 0 ? Double.NaN : metric.higherIsBetter() ? stats.mean() : -stats.mean();
            }
            double top = Arrays.stream(means).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            boolean allEqual = Arrays.stream(means).filter(v -> !Double.isNaN(v)).allMatch(v -> v == top);
            for (int m = 0; m < means.length && !allEqual; m++) {
                if (means[m] == top) {
                    best.add(List.of(r, m + 1));
                }
            }
        }
        return best;
    }

    /**
     * @param results the run's variants
     * @return the corrected models' calibration logit error, before and after their correction: one row per bit
     *         width, one column per corrected method; empty when the run fitted no correction
     */
    static Optional<Table> correctionTable(Results results) {
        List<String> methods = results.methods().stream()
                .filter(m -> results.variants().stream().anyMatch(v -> v.method().equals(m)
                        && v.correction().isPresent()))
                .toList();
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byBits("Calibration logit error of the corrected models, before → after the correction:"
                + " the mean squared distance of the logits to the float model's (lambda = 0; "
                + results.seedStatistic(false) + ")", results, methods, (bits, method) -> {
                    List<Variant.Correction> fits = results.baseline(bits, method).stream()
                            .flatMap(v -> v.correction().stream()).toList();
                    return fits.isEmpty() ? Numbers.NOT_AVAILABLE : Numbers.arrow(
                            MeanStd.of(fits.stream().mapToDouble(Variant.Correction::before).toArray()).mean(),
                            MeanStd.of(fits.stream().mapToDouble(Variant.Correction::after).toArray()).mean(), 4);
                }));
    }

    /** @return a table of one row per bit width and one column per method, each cell what {@code cell} gives */
    private static Table byBits(String caption, Results results, List<String> methods,
                                BiFunction<Integer, String, String> cell) {
        List<String> header = new ArrayList<>();
        header.add("bits");
        header.addAll(methods);
        List<List<String>> rows = new ArrayList<>();
        for (int bits : results.bits()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(bits));
            for (String method : methods) {
                row.add(cell.apply(bits, method));
            }
            rows.add(row);
        }
        return new Table(caption, header, rows);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
