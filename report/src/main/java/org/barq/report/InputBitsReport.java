package org.barq.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * The report of an input-bits study (issue 18): per data set, test accuracy against bits per feature, one line per
 * quantizer and mode (trained behind it, or the float model post hoc), the float model as a flat reference line, and
 * the same numbers as a table; every value a mean over seeds, the table's with their spread.
 */
public final class InputBitsReport {
    private static final String FLOAT = "float";
    /**
     * The float model's reference line: dashed, in the palette's last colour (grey), which the seven lines of a full
     * sweep leave free.
     */
    private static final int FLOAT_COLOUR = SeriesStyle.PALETTE.size() - 1;
    /** What the numbers are, said on the page and in the summary. */
    private static final String NUMBERS = "Test accuracy, mean over seeds ± sample std where two or more seeds ran"
            + " (their count in brackets when not every seed ran); compression = 32 / bits.";

    private InputBitsReport() {
    }

    /**
     * @param folder      the run folder
     * @param description the config's description
     * @param config      the config's text
     * @param provenance  what the run was (config, seeds, data sets' checksums, versions), keys as a rounding study's
     *                    {@code provenance.json}; shown first
     * @param rows        every result row ({@code dataset, seed, quantizer, mode, bits, test_accuracy, compression})
     * @param notRun      data set to why it was not run
     * @return the files written
     */
    public static ReportFiles write(Path folder, String description, String config, Map<String, Object> provenance,
                                    List<Map<String, Object>> rows, Map<String, String> notRun) {
        // data set -> line (quantizer, mode) -> bits -> accuracies over seeds; sorted maps, never hash order
        Map<String, Map<String, Map<Point, List<Double>>>> sets = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            String line = r.get("mode").equals(FLOAT) ? FLOAT : r.get("quantizer") + " (" + r.get("mode") + ")";
            sets.computeIfAbsent((String) r.get("dataset"), k -> new TreeMap<>()).computeIfAbsent(line,
                    k -> new TreeMap<>())
                    .computeIfAbsent(Point.of(r), k -> new ArrayList<>())
                    .add(((Number) r.get("test_accuracy")).doubleValue());
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>barq input-bits report</title>\n<style>\n" + HtmlReport.CSS + "</style>\n</head>\n<body>\n"
                + "<h1>barq input-bits report</h1>\n<p>" + Html.escape(description) + "</p>\n<p>"
                + Html.escape(NUMBERS) + "</p>\n");
        StringBuilder md = new StringBuilder("# barq input-bits summary\n\n" + description + "\n\n" + NUMBERS
                + "\n\n");
        Table run = ProvenanceTable.table(JsonValues.MAPPER.valueToTree(provenance));
        html.append(run.toHtml());
        md.append(run.toMarkdown()).append('\n');
        for (Map.Entry<String, Map<String, Map<Point, List<Double>>>> set : sets.entrySet()) {
            Table table = table(set.getKey(), set.getValue());
            html.append("<h2>").append(Html.escape(set.getKey())).append("</h2>\n").append(table.toHtml())
                    .append("<div class=\"charts\">\n").append(chart(set.getKey(), set.getValue())).append("</div>\n");
            md.append("## ").append(set.getKey()).append("\n\n").append(table.toMarkdown()).append('\n');
        }
        notRun.forEach((set, why) -> {
            html.append("<h2>").append(Html.escape(set)).append("</h2>\n<p class=\"not-run\">")
                    .append(SectionTitles.NOT_RUN).append(": ").append(Html.escape(why)).append("</p>\n");
            md.append("## ").append(set).append("\n\n_").append(SectionTitles.NOT_RUN).append(": ").append(why)
                    .append("_\n\n");
        });
        html.append("<h2>Config</h2>\n<pre>").append(Html.escape(config)).append("</pre>\n</body>\n</html>\n");
        Path h = folder.resolve(ReportKeys.HTML_FILE);
        Path s = folder.resolve(ReportKeys.SUMMARY_FILE);
        AtomicFiles.write(h, html.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(s, md.toString().getBytes(StandardCharsets.UTF_8));
        return new ReportFiles(h, s);
    }

    private static Table table(String set, Map<String, Map<Point, List<Double>>> lines) {
        TreeSet<Point> bits = bits(lines);
        List<String> header = new ArrayList<>(List.of("quantizer"));
        bits.forEach(b -> header.add(b.title()));
        List<List<String>> body = new ArrayList<>();
        for (Map.Entry<String, Map<Point, List<Double>>> line : lines.entrySet()) {
            List<String> cells = new ArrayList<>(List.of(line.getKey()));
            for (Point b : bits) {
                List<Double> v = line.getKey().equals(FLOAT) ? line.getValue().get(Point.FLOAT) : line.getValue().get(b);
                cells.add(v == null ? "" : Numbers.meanStd(stats(v), 4) + (v.size() == seeds(lines) ? "" : " ("
                        + v.size() + ")"));
            }
            body.add(cells);
        }
        return new Table(set + ": test accuracy against bits per feature", header, body);
    }

    private static String chart(String set, Map<String, Map<Point, List<Double>>> lines) {
        TreeSet<Point> bits = bits(lines);
        // ticks at whole bits: the sweep's widths are whole, and a point of feature_bits sits between them
        SvgLineChart chart = new SvgLineChart(set + ": accuracy against input bits", "bits per feature",
                "test accuracy", LinearAxis.covering(bits.first().bits(), bits.last().bits(), 1), true);
        int colour = 0;
        for (Map.Entry<String, Map<Point, List<Double>>> line : lines.entrySet()) {
            List<Point> points = List.copyOf(bits);
            double[] x = points.stream().mapToDouble(Point::bits).toArray();
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                List<Double> v = line.getKey().equals(FLOAT) ? line.getValue().get(Point.FLOAT)
                        : line.getValue().get(points.get(k));
                y[k] = v == null ? Double.NaN : stats(v).mean();
            }
            boolean reference = line.getKey().equals(FLOAT);
            chart.add(new SvgLineChart.Series(line.getKey(), reference ? FLOAT_COLOUR : colour++, x, y, reference));
        }
        return chart.render();
    }

    private static TreeSet<Point> bits(Map<String, Map<Point, List<Double>>> lines) {
        TreeSet<Point> bits = new TreeSet<>();
        lines.forEach((name, byBits) -> {
            if (!name.equals(FLOAT)) {
                bits.addAll(byBits.keySet());
            }
        });
        if (bits.isEmpty()) {
            bits.add(new Point(1, "1"));
        }
        return bits;
    }

    private static int seeds(Map<String, Map<Point, List<Double>>> lines) {
        int most = 0;
        for (Map<Point, List<Double>> byBits : lines.values()) {
            for (List<Double> v : byBits.values()) {
                most = Math.max(most, v.size());
            }
        }
        return most;
    }

    private static MeanStd stats(List<Double> values) {
        return MeanStd.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A point of the sweep: its mean bits per feature (the chart's x) and its name in the results, {@code 2} for a
     * common width or {@code feature_bits[i]}; two lists of the same mean stay apart.
     */
    private record Point(double bits, String widths) implements Comparable<Point> {
        static final Point FLOAT = new Point(32, "32");

        static Point of(Map<String, Object> row) {
            return new Point(((Number) row.get("bits")).doubleValue(), (String) row.get("widths"));
        }

        String title() {
            String b = Numbers.compact(bits) + " bit" + (bits == 1 ? "" : "s") + " (" + Numbers.compact(
                    Math.round(320.0 / bits) / 10.0) + "x)";
            return widths.equals(Numbers.compact(bits)) ? b : widths + ": " + b;
        }

        @Override
        public int compareTo(Point o) {
            int c = Double.compare(bits, o.bits);
            return c != 0 ? c : widths.compareTo(o.widths);
        }
    }
}
