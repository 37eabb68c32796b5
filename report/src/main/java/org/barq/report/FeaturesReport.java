package org.barq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * The report of a features study: what it was made from, then per data set and representation the table of
 * {@code barq features} and its plots, as {@code report.html} (charts inline, opens offline) and {@code summary.md}
 * (tables, charts linked).
 */
public final class FeaturesReport {
    private FeaturesReport() {
    }

    /**
     * One data set and representation.
     *
     * @param title  e.g. {@code digits, inputs}
     * @param run    the run's JSON, or null when it did not run
     * @param note   a line under the title: the float model's accuracy, or why it did not run
     * @param charts the folder of its SVG files, relative to the report, or null
     */
    public record Section(String title, JsonNode run, String note, String charts) {
    }

    /**
     * @param folder      the run folder
     * @param description the config's description
     * @param config      the config file's text, shown at the end
     * @param provenance  what the run was (config, seeds, data sets' checksums, versions), keys as a rounding study's
     *                    {@code provenance.json}; shown first
     * @param sections    in config order
     * @return the two files written
     */
    public static ReportFiles write(Path folder, String description, String config, Map<String, Object> provenance,
                                    List<Section> sections) {
        Path html = folder.resolve(ReportKeys.HTML_FILE);
        Path summary = folder.resolve(ReportKeys.SUMMARY_FILE);
        Table run = ProvenanceTable.table(JsonValues.MAPPER.valueToTree(provenance));
        AtomicFiles.write(html, html(description, config, run, sections).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(summary, markdown(description, run, sections).getBytes(StandardCharsets.UTF_8));
        return new ReportFiles(html, summary);
    }

    private static String html(String description, String config, Table provenance, List<Section> sections) {
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>barq features report</title>\n<style>\n").append(HtmlReport.CSS)
                .append("</style>\n</head>\n<body>\n<h1>barq features report</h1>\n<p>")
                .append(Html.escape(description)).append("</p>\n").append(provenance.toHtml());
        if (!sections.isEmpty() && sections.stream().anyMatch(s -> s.run() != null)) {
            JsonNode first = sections.stream().filter(s -> s.run() != null).findFirst().orElseThrow().run();
            html.append("<p>Error: ").append(Html.escape(first.get("error_definition").asText())).append(".</p>\n<p>")
                    .append(Html.escape(first.get("discrimination").asText())).append(". ")
                    .append(Html.escape(first.get("subsets").asText())).append(".</p>\n");
        }
        for (Section s : sections) {
            html.append("<h2>").append(Html.escape(s.title())).append("</h2>\n");
            if (s.run() == null) {
                html.append("<p class=\"not-run\">").append(SectionTitles.NOT_RUN).append(": ")
                        .append(Html.escape(s.note())).append("</p>\n");
                continue;
            }
            html.append("<p>").append(Html.escape(s.note())).append("</p>\n").append(table(s).toHtml())
                    .append("<div class=\"charts\">\n");
            FeatureCharts.svgs(s.run()).values().forEach(html::append);
            html.append("</div>\n");
        }
        html.append("<h2>Config</h2>\n<pre>").append(Html.escape(config)).append("</pre>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    private static String markdown(String description, Table provenance, List<Section> sections) {
        StringBuilder md = new StringBuilder("# barq features summary\n\n").append(description).append("\n\n")
                .append(provenance.toMarkdown()).append('\n');
        for (Section s : sections) {
            md.append("## ").append(s.title()).append("\n\n");
            if (s.run() == null) {
                md.append("_").append(SectionTitles.NOT_RUN).append(": ").append(s.note()).append("_\n\n");
                continue;
            }
            md.append(s.note()).append("\n\n").append(table(s).toMarkdown());
            List<String> links = new ArrayList<>();
            for (String stem : FeatureCharts.svgs(s.run()).keySet()) {
                links.add("[" + stem + "](" + s.charts() + "/" + stem + ".svg)");
            }
            md.append("Plots: ").append(String.join(", ", links)).append("\n\n");
        }
        return md.toString();
    }

    /** @return the run's rows: quantizer, c, bits, error, both discrimination ratios and every accuracy */
    static Table table(Section s) {
        JsonNode run = s.run();
        List<String> header = new ArrayList<>(List.of("quantizer", "c", "bits", "error", "Fisher ratio",
                "distance ratio"));
        List<String> accuracyKeys = new ArrayList<>();
        run.get("rows").get(0).fieldNames().forEachRemaining(k -> {
            if (k.startsWith("accuracy_")) {
                accuracyKeys.add(k);
                header.add(k.substring("accuracy_".length()) + " acc.");
            }
        });
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : run.get("rows")) {
            List<String> cells = new ArrayList<>();
            cells.add(row.get("quantizer").asText());
            cells.add(row.get("c").isNull() ? "" : Numbers.compact(row.get("c").asDouble()));
            cells.add(row.get("bits").isNull() ? "" : row.get("bits").asText());
            cells.add(Numbers.significant(number(row, "error"), 3));
            cells.add(Numbers.figure(number(row, "fisher_ratio"), 4));
            cells.add(Numbers.figure(number(row, "distance_ratio"), 4));
            accuracyKeys.forEach(k -> cells.add(Numbers.figure(number(row, k), 4)));
            rows.add(cells);
        }
        return new Table(s.title() + ": " + run.get("width").asInt() + " features, train " + run.get("train_samples")
                .asInt() + " of " + run.get("train_split_samples").asInt() + ", test " + run.get("test_samples")
                .asInt() + " of " + run.get("test_split_samples").asInt(), header, rows);
    }

    private static double number(JsonNode row, String key) {
        JsonNode v = row.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
