package org.barq.report;

import java.util.List;

/** Renders the summary: the report's key tables in Markdown. */
final class MarkdownSummary {
    private MarkdownSummary() {
    }

    /** @return the summary's text */
    static String render(Analysis analysis) {
        RunInputs inputs = analysis.inputs();
        Results results = inputs.results();
        StringBuilder md = new StringBuilder();
        md.append("# barq summary: ").append(ProvenanceTable.configName(inputs)).append("\n\n");
        Headline.sentence(results).ifPresent(h -> md.append("**").append(h).append("**\n\n"));
        md.append(ProvenanceTable.table(inputs).toMarkdown());
        inputs.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
        if (!inputs.notes().isEmpty()) {
            md.append('\n');
        }
        md.append("## ").append(SectionTitles.TABLES).append("\n\n");
        if (results.isEmpty()) {
            notRun(md, "no variant in " + ReportKeys.RESULTS_FILE + ".");
        } else {
            md.append("Float model test accuracy ").append(Numbers.meanStd(analysis.floatTestAccuracy(), 4))
                    .append(".\n\n");
            for (Metric metric : Metric.SUMMARY_TABLES) {
                if (!metric.presentIn(results.variants())) {
                    continue;
                }
                md.append(MetricTables.table(results, metric).toMarkdown());
            }
            MetricTables.correctionTable(results).ifPresent(t -> md.append(t.toMarkdown()));
        }
        MemberTable.of(results).ifPresent(t -> md.append("## ").append(SectionTitles.MEMBERS).append("\n\n")
                .append(t.toMarkdown()));
        md.append("## ").append(SectionTitles.STOPPING).append("\n\n");
        double[] pearson = analysis.resultsPearson();
        md.append("Calibration against held-out Jaccard over ").append((int) pearson[1])
                .append(" variants: Pearson r = ").append(Numbers.figure(pearson[0], 3)).append(".\n\n");
        List<StoppingRun> runs = inputs.stopping();
        if (runs.isEmpty()) {
            notRun(md, NotRunReasons.stopping(inputs));
        } else {
            md.append(runs.get(0).ruleLine()).append(".\n\n").append(StoppingRun.overview(runs).toMarkdown());
        }
        md.append("## ").append(SectionTitles.CLAIMS).append("\n\n");
        md.append(ReferenceClaims.table(analysis.claims()).toMarkdown());
        md.append("## ").append(SectionTitles.BOUNDARY_GAP).append("\n\n");
        if (analysis.gaps().isEmpty()) {
            notRun(md, "no lambda sweep with a lambda = 0 point to compare against.");
        } else {
            BoundaryGap.verdicts(analysis.gaps()).forEach(s -> md.append("**").append(s).append("**\n\n"));
            md.append(BoundaryGap.table(analysis.gaps(), analysis.inputs().results()).toMarkdown());
        }
        BoundaryGap.uncompared(analysis.inputs().results()).forEach(s -> md.append(s).append("\n\n"));
        Table sweeps = BoundaryGap.sweepTable(analysis.inputs().results());
        if (!sweeps.rows().isEmpty()) {
            md.append(sweeps.toMarkdown());
        }
        return md.toString();
    }

    private static void notRun(StringBuilder md, String why) {
        md.append("_").append(SectionTitles.NOT_RUN).append(": ").append(why).append("_\n\n");
    }
}
