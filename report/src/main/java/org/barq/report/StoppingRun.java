package org.barq.report;

import static org.barq.report.JsonValues.at;
import static org.barq.report.JsonValues.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One stopping-rule report of {@code stopping.json} (FORMULATION §5), and how the report shows it.
 *
 * @param name   the solver it was run for, or "" when the file holds a single report
 * @param report the report's JSON
 */
record StoppingRun(String name, JsonNode report) {

    /**
     * @param root the parsed {@code stopping.json}: one report (it has {@code candidates}), or an object whose
     *             values are reports, keyed by solver
     * @return the reports in file order; empty for anything else
     */
    static List<StoppingRun> read(JsonNode root) {
        List<StoppingRun> runs = new ArrayList<>();
        if (isReport(root)) {
            runs.add(new StoppingRun("", root));
        } else if (root != null && root.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isReport(field.getValue())) {
                    runs.add(new StoppingRun(field.getKey(), field.getValue()));
                }
            }
        }
        return runs;
    }

    private static boolean isReport(JsonNode node) {
        return node != null && node.isObject() && node.has(ReportKeys.CANDIDATES);
    }

    /** @return the report of the round-to-nearest solver if keyed so, else the first; null when there is none */
    static StoppingRun preferred(List<StoppingRun> runs) {
        for (StoppingRun run : runs) {
            if (run.name().equals(ReportKeys.SOLVER_NEAREST)) {
                return run;
            }
        }
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** @return Pearson r of calibration against held-out Jaccard, NaN when absent */
    double pearsonR() {
        return number(report, ReportKeys.JACCARD_PEARSON_R);
    }

    /** @return the number of variants of the correlation, NaN when absent */
    double variants() {
        return number(report, ReportKeys.N_VARIANTS);
    }

    /** @return the candidate selected by accuracy (a missing or null node when none qualified) */
    JsonNode byAccuracy() {
        return at(report, ReportKeys.SELECTED_BY_ACCURACY);
    }

    /** @return the candidate selected by the boundary-aware rule (a missing or null node when none qualified) */
    JsonNode boundaryAware() {
        return at(report, ReportKeys.BOUNDARY_AWARE);
    }

    /** @return the rule's thresholds and the float calibration accuracy, in one line */
    String ruleLine() {
        return "eps_acc = " + Numbers.compact(number(report, ReportKeys.EPS_ACC))
                + ", tau_flip = " + Numbers.compact(number(report, ReportKeys.TAU_FLIP))
                + ", tau_J = " + Numbers.compact(number(report, ReportKeys.TAU_JACCARD))
                + "; float calibration accuracy "
                + Numbers.figure(number(report, ReportKeys.FLOAT_CALIBRATION_ACCURACY), 4)
                + "; calibration-vs-held-out Jaccard Pearson r = " + Numbers.figure(pearsonR(), 3)
                + " over " + Numbers.fixed(variants(), 0) + " variants";
    }

    /** @return the candidates, one row per bit width */
    Table candidates() {
        List<List<String>> rows = new ArrayList<>();
        JsonNode candidates = at(report, ReportKeys.CANDIDATES);
        if (candidates.isArray()) {
            for (JsonNode c : candidates) {
                rows.add(List.of(Numbers.fixed(number(c, ReportKeys.BITS), 0),
                        Numbers.figure(number(c, ReportKeys.CALIBRATION_ACCURACY), 4),
                        Numbers.figure(number(c, ReportKeys.CALIBRATION_FLIP_RATE), 4),
                        Numbers.figure(number(c, ReportKeys.CALIBRATION_JACCARD), 4),
                        Numbers.figure(number(c, ReportKeys.TEST_ACCURACY), 4),
                        Numbers.figure(number(c, ReportKeys.TEST_FLIP_RATE), 4),
                        Numbers.figure(number(c, ReportKeys.TEST_JACCARD), 4)));
            }
        }
        return new Table("Stopping-rule candidates" + suffix(), List.of("bits", "calibration accuracy",
                "calibration flip rate", "calibration Jaccard", "test accuracy", "test flip rate", "test Jaccard"),
                rows);
    }

    /** @return the two selections with their held-out flip rate and Jaccard */
    Table selections() {
        return new Table("Stopping-rule selections, held-out" + suffix(), List.of("selection", "bits",
                "held-out flip rate", "held-out Jaccard", "held-out accuracy"),
                List.of(selection("selected by accuracy", byAccuracy()),
                        selection("boundary-aware", boundaryAware())));
    }

    /**
     * @param runs the reports of one {@code stopping.json}
     * @return one row per report: the width selected by accuracy and the boundary-aware one, each with its held-out
     *         flip rate and Jaccard
     */
    static Table overview(List<StoppingRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (StoppingRun run : runs) {
            List<String> row = new ArrayList<>();
            row.add(run.name().isEmpty() ? "(the run)" : run.name());
            for (JsonNode candidate : List.of(run.byAccuracy(), run.boundaryAware())) {
                List<String> cells = selection("", candidate);
                row.addAll(cells.subList(1, 4));
            }
            rows.add(row);
        }
        return new Table("Stopping-rule selections, held-out, per solver (and seed)", List.of("solver",
                "by accuracy: bits", "flip rate", "Jaccard", "boundary-aware: bits", "flip rate", "Jaccard"), rows);
    }

    private static List<String> selection(String label, JsonNode candidate) {
        if (!candidate.isObject()) {
            return List.of(label, "none qualified", Numbers.NOT_AVAILABLE, Numbers.NOT_AVAILABLE,
                    Numbers.NOT_AVAILABLE);
        }
        return List.of(label, Numbers.fixed(number(candidate, ReportKeys.BITS), 0),
                Numbers.figure(number(candidate, ReportKeys.TEST_FLIP_RATE), 4),
                Numbers.figure(number(candidate, ReportKeys.TEST_JACCARD), 4),
                Numbers.figure(number(candidate, ReportKeys.TEST_ACCURACY), 4));
    }

    private String suffix() {
        return name.isEmpty() ? "" : " (" + name + ")";
    }
}
