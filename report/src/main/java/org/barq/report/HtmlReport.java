package org.barq.report;

import java.util.List;
import java.util.Optional;

/**
 * Renders the report as one self-contained HTML page: inline CSS, charts as inline SVG, pictures as data URIs (or
 * relative links when large); no script and no external resource, so it opens offline.
 */
final class HtmlReport {
    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto;
                   max-width: 1250px; padding: 0 1em; color: #222; line-height: 1.45; }
            h1 { font-size: 1.7em; margin-bottom: 0.2em; }
            h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
            h3 { margin-top: 1.4em; }
            nav ul { columns: 3; list-style: none; padding-left: 0; }
            .table-scroll { overflow-x: auto; max-width: 100%; margin: 0.8em 0 1.4em; } /* Table.toHtml */
            table { border-collapse: collapse; font-size: 0.85em; }
            caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.4em; }
            th { background: #f3f3f3; }
            td.num, td.na { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.na { color: #999; }
            td.best { background: #dcefd9; }
            .charts { display: flex; flex-wrap: wrap; gap: 1em; }
            .chart text { font-size: 11px; fill: #333; } /* SvgLineChart.TICK_FONT */
            .chart .chart-title { font-size: 13px; font-weight: 600; }
            .chart .axis-label { font-size: 12px; }
            .chart .no-data { font-size: 14px; fill: #999; }
            figure { margin: 0; max-width: 400px; }
            .picture-rows { display: flex; flex-wrap: wrap; gap: 1.2em 2.5em; margin: 1em 0; }
            .picture-rows figure { width: 290px; } /* half a slice picture's 600 px, which its text is drawn for */
            figure img { width: 100%; image-rendering: pixelated; border: 1px solid #ddd; }
            figcaption { font-size: 0.85em; color: #555; }
            .not-run { color: #8a6d3b; background: #fcf8e3; padding: 0.4em 0.8em; border-left: 4px solid #e6c34a; }
            .verdict { font-weight: 600; }
            .headline { font-size: 1.15em; font-weight: 600; }
            pre { background: #f7f7f7; padding: 1em; overflow-x: auto; font-size: 0.85em; }
            """;

    private HtmlReport() {
    }

    /**
     * @param analysis what the run's files say
     * @param view     whether the run folder holds the boundary viewer, which the page then links to
     * @return the complete page
     */
    static String render(Analysis analysis, boolean view) {
        RunInputs inputs = analysis.inputs();
        String name = ProvenanceTable.configName(inputs);
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>barq report: ").append(Html.escape(name)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>barq report: ").append(Html.escape(name)).append("</h1>\n");
        Headline.sentence(inputs.results()).ifPresent(h -> html.append("<p class=\"headline\">")
                .append(Html.escape(h)).append("</p>\n"));
        html.append(navigation(inputs));
        if (view) {
            html.append("<p><a href=\"").append(ViewData.PAGE).append("\">Open the boundary viewer</a>: the float"
                    + " and rounded models' regions on the PCA slice, with sliders over the bit width and the"
                    + " interpolation between adjacent widths.</p>\n");
        }
        section(html, "provenance", SectionTitles.PROVENANCE);
        html.append(ProvenanceTable.table(inputs).toHtml());
        if (!inputs.notes().isEmpty()) {
            section(html, "notes", SectionTitles.NOTES);
            html.append("<ul>\n");
            inputs.notes().forEach(n -> html.append("<li>").append(Html.escape(n)).append("</li>\n"));
            html.append("</ul>\n");
        }
        tables(html, analysis);
        MemberTable.of(inputs.results()).ifPresent(t -> {
            section(html, "members", SectionTitles.MEMBERS);
            html.append(t.toHtml());
        });
        lambdaCurves(html, inputs.results());
        boundaryGap(html, analysis);
        anytime(html, inputs.results());
        slices(html, inputs);
        interpolation(html, inputs);
        stopping(html, analysis);
        section(html, "claims", SectionTitles.CLAIMS);
        html.append(ReferenceClaims.table(analysis.claims()).toHtml());
        section(html, "config", SectionTitles.CONFIG);
        if (inputs.resolvedConfigText() == null) {
            notRun(html, ReportKeys.RESOLVED_CONFIG_FILE + " was not found.");
        } else {
            html.append("<details><summary>").append(ReportKeys.RESOLVED_CONFIG_FILE).append("</summary>\n<pre>")
                    .append(Html.escape(inputs.resolvedConfigText())).append("</pre></details>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String navigation(RunInputs inputs) {
        StringBuilder nav = new StringBuilder("<nav><ul>\n");
        String[][] entries = {{"provenance", SectionTitles.PROVENANCE}, {"tables", SectionTitles.TABLES},
                {"lambda", SectionTitles.LAMBDA}, {"boundary-gap", SectionTitles.BOUNDARY_GAP},
                {"anytime", SectionTitles.ANYTIME}, {"slices", SectionTitles.SLICES},
                {"interpolation", SectionTitles.INTERPOLATION}, {"stopping", SectionTitles.STOPPING},
                {"claims", SectionTitles.CLAIMS}, {"config", SectionTitles.CONFIG}};
        for (String[] entry : entries) {
            nav.append("<li><a href=\"#").append(entry[0]).append("\">").append(Html.escape(entry[1]))
                    .append("</a></li>\n");
        }
        if (!inputs.notes().isEmpty()) {
            nav.append("<li><a href=\"#notes\">").append(Html.escape(SectionTitles.NOTES)).append("</a></li>\n");
        }
        return nav.append("</ul></nav>\n").toString();
    }

    private static void section(StringBuilder html, String id, String title) {
        html.append("<h2 id=\"").append(id).append("\">").append(Html.escape(title)).append("</h2>\n");
    }

    private static void notRun(StringBuilder html, String why) {
        html.append("<p class=\"not-run\">").append(SectionTitles.NOT_RUN).append(": ").append(Html.escape(why))
                .append("</p>\n");
    }

    private static void paragraph(StringBuilder html, String text) {
        html.append("<p>").append(Html.escape(text)).append("</p>\n");
    }

    private static void tables(StringBuilder html, Analysis analysis) {
        section(html, "tables", SectionTitles.TABLES);
        Results results = analysis.inputs().results();
        if (results.isEmpty()) {
            notRun(html, "no variant in " + ReportKeys.RESULTS_FILE + ".");
            return;
        }
        paragraph(html, results.variants().size() + " variants, " + results.seeds().size() + " seed(s). Float model"
                + " test accuracy " + Numbers.meanStd(analysis.floatTestAccuracy(), 4) + ". Cells are at the"
                + " reconstruction objective (lambda = 0).");
        for (Metric metric : Metric.REPORT_TABLES) {
            if (!metric.presentIn(results.variants())) {
                continue;
            }
            html.append(MetricTables.table(results, metric).toHtml());
        }
        MetricTables.correctionTable(results).ifPresent(t -> html.append(t.toHtml()));
    }

    private static void lambdaCurves(StringBuilder html, Results results) {
        section(html, "lambda", SectionTitles.LAMBDA);
        List<ChartGroup> groups = LambdaCurves.charts(results);
        if (groups.isEmpty()) {
            notRun(html, "no lambda sweep in " + ReportKeys.RESULTS_FILE + ".");
            return;
        }
        groups.forEach(g -> charts(html, g));
    }

    private static void charts(StringBuilder html, ChartGroup group) {
        html.append("<h3>").append(Html.escape(group.heading())).append("</h3>\n<div class=\"charts\">\n");
        group.svgs().forEach(html::append);
        html.append("</div>\n");
    }

    private static void boundaryGap(StringBuilder html, Analysis analysis) {
        section(html, "boundary-gap", SectionTitles.BOUNDARY_GAP);
        if (analysis.gaps().isEmpty()) {
            notRun(html, "no lambda sweep with a lambda = 0 point to compare against.");
        } else {
            for (String sentence : BoundaryGap.verdicts(analysis.gaps())) {
                html.append("<p class=\"verdict\">").append(Html.escape(sentence)).append("</p>\n");
            }
            html.append(BoundaryGap.table(analysis.gaps(), analysis.inputs().results()).toHtml());
        }
        for (String sentence : BoundaryGap.uncompared(analysis.inputs().results())) {
            html.append("<p>").append(Html.escape(sentence)).append("</p>\n");
        }
        Table sweeps = BoundaryGap.sweepTable(analysis.inputs().results());
        if (!sweeps.rows().isEmpty()) {
            html.append(sweeps.toHtml());
        }
    }

    private static void anytime(StringBuilder html, Results results) {
        section(html, "anytime", SectionTitles.ANYTIME);
        Optional<ChartGroup> group = AnytimeCurves.charts(results);
        if (group.isEmpty()) {
            notRun(html, "no layer trace in " + ReportKeys.RESULTS_FILE + ".");
            return;
        }
        charts(html, group.get());
    }

    private static void slices(StringBuilder html, RunInputs inputs) {
        section(html, "slices", SectionTitles.SLICES);
        if (inputs.slicePictures().isEmpty()) {
            notRun(html, NotRunReasons.slices(inputs));
            return;
        }
        pictures(html, inputs.slicePictures());
    }

    /**
     * Each row of pictures (a variant's, a transition's) is a group that wraps as a whole, so its pictures stay side
     * by side; the groups flow, two to a line on a wide page.
     */
    private static void pictures(StringBuilder html, List<List<Picture>> rows) {
        html.append("<div class=\"picture-rows\">\n");
        for (List<Picture> row : rows) {
            html.append("<div class=\"charts\">\n");
            for (Picture p : row) {
                html.append("<figure><img src=\"").append(Html.escape(p.source())).append("\" alt=\"")
                        .append(Html.escape(p.caption())).append("\"><figcaption>").append(Html.escape(p.caption()))
                        .append("</figcaption></figure>\n");
            }
            html.append("</div>\n");
        }
        html.append("</div>\n");
    }

    private static void interpolation(StringBuilder html, RunInputs inputs) {
        section(html, "interpolation", SectionTitles.INTERPOLATION);
        List<Transition> transitions = inputs.transitions();
        if (transitions.isEmpty()) {
            notRun(html, NotRunReasons.interpolation(inputs));
            return;
        }
        html.append(Transition.table(transitions).toHtml());
        Transition.chart(transitions).ifPresent(svg -> html.append("<div class=\"charts\">\n").append(svg)
                .append("</div>\n"));
        pictures(html, inputs.interpolationPictures());
    }

    private static void stopping(StringBuilder html, Analysis analysis) {
        section(html, "stopping", SectionTitles.STOPPING);
        double[] pearson = analysis.resultsPearson();
        paragraph(html, "Calibration against held-out slice-boundary Jaccard over the " + (int) pearson[1]
                + " variants of " + ReportKeys.RESULTS_FILE + ": Pearson r = " + Numbers.figure(pearson[0], 3) + ".");
        List<StoppingRun> runs = analysis.inputs().stopping();
        if (runs.isEmpty()) {
            notRun(html, NotRunReasons.stopping(analysis.inputs()));
            return;
        }
        if (runs.size() > 1) {
            html.append(StoppingRun.overview(runs).toHtml());
        }
        for (StoppingRun run : runs) {
            if (!run.name().isEmpty()) {
                html.append("<h3>").append(Html.escape(run.name())).append("</h3>\n");
            }
            paragraph(html, run.ruleLine());
            html.append(run.selections().toHtml());
            html.append(run.candidates().toHtml());
        }
    }
}
