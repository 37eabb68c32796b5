package org.barq.report;

import static org.barq.report.JsonValues.at;
import static org.barq.report.JsonValues.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One interpolation between adjacent rounding levels from {@code interpolation.json} (FORMULATION §5, §8).
 *
 * @param name   the transition, such as {@code b3-b4}
 * @param report its JSON
 */
record Transition(String name, JsonNode report) {

    /**
     * @param root the parsed file: a list of reports, an object keyed by transition, or a single report
     * @return the transitions in file order; a report without bit widths in a list is named by its position
     */
    static List<Transition> read(JsonNode root) {
        List<Transition> transitions = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return transitions;
        }
        if (root.isArray()) {
            int position = 1;
            for (JsonNode item : root) {
                if (item.isObject()) {
                    transitions.add(new Transition(nameOf(item, "#" + position), item));
                }
                position++;
            }
        } else if (root.isObject() && isReport(root)) {
            transitions.add(new Transition(nameOf(root, "#1"), root));
        } else if (root.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isObject()) {
                    transitions.add(new Transition(field.getKey(), field.getValue()));
                }
            }
        }
        return transitions;
    }

    private static boolean isReport(JsonNode node) {
        return node.has(ReportKeys.CHANGED_CELLS) || node.has(ReportKeys.STEPS);
    }

    private static String nameOf(JsonNode report, String fallback) {
        double low = number(report, ReportKeys.LOW_BITS);
        double high = number(report, ReportKeys.HIGH_BITS);
        return Double.isNaN(low) || Double.isNaN(high) ? fallback : "b" + (int) low + "-b" + (int) high;
    }

    /** @return changed cells inside reconfigured triple junctions, NaN when absent */
    double changedInReconfigured() {
        return number(report, ReportKeys.CHANGED_CELLS_IN_RECONFIGURED);
    }

    /** @return one row per transition with its counts */
    static Table table(List<Transition> transitions) {
        List<List<String>> rows = new ArrayList<>();
        for (Transition t : transitions) {
            JsonNode r = t.report();
            rows.add(List.of(t.name(), Numbers.fixed(number(r, ReportKeys.STEPS), 0),
                    Numbers.fixed(number(r, ReportKeys.SLICE_GRID), 0),
                    Numbers.fixed(number(r, ReportKeys.CHANGED_CELLS), 0),
                    Numbers.figure(number(r, ReportKeys.CHANGED_FRACTION), 4),
                    Numbers.fixed(number(r, ReportKeys.JUNCTIONS_LOW), 0),
                    Numbers.fixed(number(r, ReportKeys.JUNCTIONS_HIGH), 0),
                    Numbers.fixed(number(r, ReportKeys.RECONFIGURED_JUNCTIONS), 0),
                    Numbers.fixed(t.changedInReconfigured(), 0)));
        }
        return new Table("Interpolation between adjacent levels", List.of("transition", "steps T", "grid G",
                "changed cells", "changed fraction", "junctions at t=0", "junctions at t=1",
                "reconfigured junctions", "changed cells in reconfigured junctions"), rows);
    }

    /** @return cells whose label first changes at each {@code t}, one line per transition; empty without counts */
    static Optional<String> chart(List<Transition> transitions) {
        SvgLineChart chart = new SvgLineChart("first label changes per step", "t", "cells",
                LinearAxis.covering(0, 1), true);
        boolean any = false;
        for (int k = 0; k < transitions.size(); k++) {
            JsonNode counts = at(transitions.get(k).report(), ReportKeys.FIRST_CHANGES_PER_STEP);
            if (!counts.isArray() || counts.isEmpty()) {
                continue;
            }
            int steps = counts.size();
            double[] t = new double[steps];
            double[] cells = new double[steps];
            for (int i = 0; i < steps; i++) {
                t[i] = (i + 1) / (double) steps;
                cells[i] = JsonValues.asNumber(counts.get(i));
            }
            chart.add(new SvgLineChart.Series(transitions.get(k).name(), k, t, cells));
            any = true;
        }
        return any ? Optional.of(chart.render()) : Optional.empty();
    }
}
