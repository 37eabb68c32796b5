package org.barq.report;

import java.util.ArrayList;
import java.util.List;

/** The metric by bits x solver tables, at the reconstruction objective ({@code lambda = 0}). */
final class MetricTables {
    private MetricTables() {
    }

    /**
     * @param results the run's variants
     * @param metric  the metric shown
     * @return one row per bit width, one column per method; cells are the mean over seeds, "± std" when there is
     *         more than one seed, "n/a" where the run has no value
     */
    static Table table(Results results, Metric metric) {
        List<String> methods = results.methods();
        List<String> header = new ArrayList<>();
        header.add("bits");
        header.addAll(methods);
        List<List<String>> rows = new ArrayList<>();
        for (int bits : results.bits()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(bits));
            for (String method : methods) {
                row.add(Numbers.meanStd(metric.of(results.baseline(bits, method)), metric.decimals()));
            }
            rows.add(row);
        }
        String caption = capitalise(metric.title()) + " (lambda = 0; mean over seeds ± sample std)";
        return new Table(caption, header, rows);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
