package org.barq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * The two plots of a {@code barq features} run (issue 19), from its JSON: accuracy against quantization error, one
 * point per quantizer setting and one chart per classifier (the claim under test is that the points do not line
 * up), and discrimination against {@code c} for the threshold quantizers, with float and each uniform width as flat
 * references.
 */
public final class FeatureCharts {
    private static final List<String> CLASSIFIERS = List.of("knn1", "knn5", "linear", "mlp");
    private static final Map<String, String> CLASSIFIER_NAMES = Map.of("knn1", "1-NN", "knn5", "5-NN", "linear",
            "logistic regression", "mlp", "MLP");
    private static final String FLOAT = "float";
    private static final String UNIFORM = "uniform";
    private static final int FLOAT_COLOUR = 6;

    private FeatureCharts() {
    }

    /**
     * @param run a run's JSON ({@code FeatureRunJson})
     * @return file stem to inline SVG, in display order
     */
    public static Map<String, String> svgs(JsonNode run) {
        Map<String, String> charts = new LinkedHashMap<>();
        for (String classifier : CLASSIFIERS) {
            charts.put("accuracy-vs-error-" + classifier, accuracyAgainstError(run, classifier));
        }
        charts.put("fisher-ratio-vs-c", discriminationAgainstC(run, "fisher_ratio", "Fisher ratio tr(Sb)/tr(Sw)"));
        charts.put("distance-ratio-vs-c", discriminationAgainstC(run, "distance_ratio",
                "between / within distance²"));
        return charts;
    }

    /**
     * Writes every chart as its own SVG file, readable by a browser without the report's page.
     *
     * @param dir the folder (created when missing)
     * @param run a run's JSON
     * @return the files written, in display order
     */
    public static List<Path> write(Path dir, JsonNode run) {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> chart : svgs(run).entrySet()) {
            Path file = dir.resolve(chart.getKey() + ".svg");
            AtomicFiles.write(file, standalone(chart.getValue()).getBytes(StandardCharsets.UTF_8));
            written.add(file);
        }
        return written;
    }

    /** An inline chart leans on the page's CSS and namespace; a file needs both of its own. */
    private static String standalone(String svg) {
        String style = HtmlReport.CSS.substring(HtmlReport.CSS.indexOf(".chart text"));
        style = style.substring(0, style.indexOf(".chart .no-data"));
        return svg.replaceFirst("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ")
                .replaceFirst("</title>\n", "</title>\n<style>\ntext { font-family: sans-serif; }\n"
                        + style.replaceAll("/\\*.*?\\*/", "") + "rect { fill: #fff; }\n</style>\n"
                        + "<rect width=\"100%\" height=\"100%\"/>\n");
    }

    private static String accuracyAgainstError(JsonNode run, String classifier) {
        double maxError = 0;
        for (JsonNode row : run.get("rows")) {
            maxError = Math.max(maxError, number(row, "error"));
        }
        SvgLineChart chart = new SvgLineChart(title(run, CLASSIFIER_NAMES.get(classifier) + " accuracy"),
                "quantization error (MSE, feature scale)", "test accuracy", LinearAxis.covering(0, maxError), true,
                SvgLineChart.Join.NONE);
        List<String> names = quantizerNames(run);
        // Float sits at error 0 among the finest uniform points: drawn last, its marker stays visible.
        names.remove(FLOAT);
        names.add(FLOAT);
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            List<double[]> points = new ArrayList<>();
            for (JsonNode row : run.get("rows")) {
                if (row.get("quantizer").asText().equals(name)) {
                    points.add(new double[] {number(row, "error"), number(row, "accuracy_" + classifier)});
                }
            }
            chart.add(new SvgLineChart.Series(name, colour(name, names), column(points, 0), column(points, 1)));
        }
        return chart.render();
    }

    private static String discriminationAgainstC(JsonNode run, String measure, String label) {
        double[] cs = new double[run.get("c").size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = run.get("c").get(i).asDouble();
        }
        SvgLineChart chart = new SvgLineChart(title(run, label), "threshold multiplier c", label,
                LinearAxis.covering(cs.length == 0 ? 0 : min(cs), cs.length == 0 ? 1 : max(cs)), true);
        List<String> names = quantizerNames(run);
        int uniformColour = 2;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            List<double[]> points = new ArrayList<>();
            List<JsonNode> flat = new ArrayList<>();
            for (JsonNode row : run.get("rows")) {
                if (!row.get("quantizer").asText().equals(name)) {
                    continue;
                }
                if (row.get("c").isNull()) {
                    flat.add(row);
                } else {
                    points.add(new double[] {row.get("c").asDouble(), number(row, measure)});
                }
            }
            if (!points.isEmpty()) {
                chart.add(new SvgLineChart.Series(name, colour(name, names), column(points, 0), column(points, 1)));
            }
            for (JsonNode row : flat) {
                boolean isFloat = name.equals(FLOAT);
                String legend = isFloat ? FLOAT : name + " " + row.get("bits").asInt() + " bit";
                double[] y = new double[cs.length];
                java.util.Arrays.fill(y, number(row, measure));
                chart.add(new SvgLineChart.Series(legend, isFloat ? FLOAT_COLOUR : uniformColour++, cs, y));
            }
        }
        return chart.render();
    }

    /** @return the quantizers in row order, each once */
    private static List<String> quantizerNames(JsonNode run) {
        List<String> names = new ArrayList<>();
        for (JsonNode row : run.get("rows")) {
            String name = row.get("quantizer").asText();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Float is black everywhere, uniform green; the threshold codes take the palette's first colours in row order. */
    private static int colour(String name, List<String> names) {
        List<String> codes = names.stream().filter(n -> !n.equals(FLOAT) && !n.equals(UNIFORM)).toList();
        return name.equals(FLOAT) ? FLOAT_COLOUR : name.equals(UNIFORM) ? 2 : codes.indexOf(name);
    }

    private static String title(JsonNode run, String what) {
        return what + ": " + run.get("dataset").asText() + ", " + run.get("representation").asText();
    }

    private static double number(JsonNode row, String key) {
        JsonNode v = row.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static double[] column(List<double[]> points, int i) {
        return points.stream().mapToDouble(p -> p[i]).toArray();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }
}
