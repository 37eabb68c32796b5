package org.barq.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The features and input-bits reports: their provenance, and the input-bits cells' spread and whole-bit ticks. */
class SweepReportsTest {
    @TempDir
    Path dir;

    @Test
    void inputBitsCellsAreMeansWithTheirSpreadAndTheChartTicksAtWholeBits() throws IOException {
        List<Map<String, Object>> rows = List.of(row(0, "float", 32, 0.97), row(1, "float", 32, 0.96),
                row(0, "trained", 1, 0.90), row(1, "trained", 1, 0.92), row(0, "trained", 2, 0.95),
                row(1, "trained", 2, 0.95), row(0, "trained", 3, 0.96));
        InputBitsReport.write(dir, "d", "c", provenance(), rows, Map.of());
        String html = Files.readString(dir.resolve(ReportKeys.HTML_FILE));
        String md = Files.readString(dir.resolve(ReportKeys.SUMMARY_FILE));
        for (String page : List.of(html, md)) {
            assertTrue(page.contains("Test accuracy, mean over seeds ± sample std where two or more seeds ran"), page);
            assertTrue(page.contains("0.9100 ± 0.0141") && page.contains("0.9500 ± 0.0000"), page);
            assertTrue(page.contains("0.9600 (1)"), "one seed of two: no spread, the count: " + page);
        }
        List<String> ticks = ticks(html);
        assertEquals(List.of("1", "2", "3"), ticks, "x ticks at whole bits only: " + html);
        assertProvenance(html);
        assertProvenance(md);
    }

    @Test
    void aFeaturesReportOpensWithItsProvenance() throws IOException {
        FeaturesReport.write(dir, "d", "c", provenance(), List.of(new FeaturesReport.Section("wine, hidden_1", null,
                "no such file", null)));
        assertProvenance(Files.readString(dir.resolve(ReportKeys.HTML_FILE)));
        assertProvenance(Files.readString(dir.resolve(ReportKeys.SUMMARY_FILE)));
    }

    /** The study report's labels, each data set's checksum by name, and no row of what a sweep has not (a model). */
    private static void assertProvenance(String page) {
        for (String shown : List.of("config SHA-256", "beef", "data set SHA-256", "digits: d1g1", "wine: w1ne",
                "barq version", "0.1-test", "git commit", "seeds")) {
            assertTrue(page.contains(shown), shown + " in " + page);
        }
        assertFalse(page.contains("model SHA-256"), page);
    }

    private static Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("config_name", "sweep");
        p.put("config_path", "configs/sweep.yaml");
        p.put("config_sha256", "beef");
        p.put("seeds", Map.of("split", Map.of("digits", 0)));
        Map<String, String> datasets = new LinkedHashMap<>();
        datasets.put("digits", "d1g1");
        datasets.put("wine", "w1ne");
        p.put("dataset_sha256", datasets);
        p.put("version", "0.1-test");
        p.put("commit", "abc");
        return p;
    }

    private static Map<String, Object> row(long seed, String mode, int bits, double accuracy) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dataset", "digits");
        r.put("seed", seed);
        r.put("quantizer", mode.equals("float") ? "float" : "uniform");
        r.put("mode", mode);
        r.put("widths", String.valueOf(bits));
        r.put("bits", bits);
        r.put("test_accuracy", accuracy);
        return r;
    }

    /** @return the x tick labels of the first chart: its tick texts that share one height (the y ticks do not) */
    private static List<String> ticks(String html) {
        String chart = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        Matcher m = Pattern.compile("<text class=\"tick\" x=\"[0-9.]+\" y=\"([0-9.]+)\"[^>]*>([^<]*)</text>")
                .matcher(chart);
        Map<String, List<String>> byHeight = new LinkedHashMap<>();
        while (m.find()) {
            byHeight.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        return byHeight.values().stream().filter(l -> l.size() > 1).findFirst().orElse(List.of());
    }
}
