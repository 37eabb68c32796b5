package org.barq.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The lambda trade-off curves: for each bit width and surrogate kind with a sweep, the test band pair-order flip,
 * slice-boundary Jaccard and accuracy (seed means) against {@code lambda}, one line per method.
 */
final class LambdaCurves {
    /** The metrics plotted against lambda, in order. */
    static final List<Metric> METRICS = List.of(Metric.TEST_PAIR_ORDER_FLIP, Metric.TEST_JACCARD,
            Metric.TEST_ACCURACY);

    private LambdaCurves() {
    }

    /** @return one group of charts per (bits, kind) with a sweep; empty when the run has no sweep */
    static List<ChartGroup> charts(Results results) {
        Map<String, List<Sweep>> byBitsAndKind = new TreeMap<>();
        for (Sweep sweep : results.sweeps()) {
            byBitsAndKind.computeIfAbsent(String.format("%03d %s", sweep.bits(), sweep.kind()),
                    k -> new ArrayList<>()).add(sweep);
        }
        List<String> methods = results.methods();
        List<ChartGroup> groups = new ArrayList<>();
        for (List<Sweep> sweeps : byBitsAndKind.values()) {
            Sweep first = sweeps.get(0);
            List<Double> lambdas = new ArrayList<>();
            sweeps.forEach(s -> lambdas.addAll(s.byLambda().keySet()));
            List<String> svgs = new ArrayList<>();
            for (Metric metric : METRICS) {
                SvgLineChart chart = new SvgLineChart(metric.title() + " vs lambda", "lambda (log scale; 0 at left)",
                        metric.title(), LogAxis.ticksAtValues(lambdas), true);
                for (Sweep sweep : sweeps) {
                    NavigableMap<Double, Double> means = sweep.testMeans(metric.key());
                    chart.add(new SvgLineChart.Series(sweep.method(), methods.indexOf(sweep.method()),
                            means.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                            means.values().stream().mapToDouble(Double::doubleValue).toArray()));
                }
                svgs.add(chart.render());
            }
            groups.add(new ChartGroup(first.bits() + " bits, " + first.kind() + " surrogate ("
                    + results.seedStatistic(false) + ")", svgs));
        }
        return groups;
    }
}
