package org.barq.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.barq.api.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins JMH's JSON results and {@link EndToEnd}'s rows into one table (what, median, unit, target, pass/fail),
 * printed and written as JSON. A JMH row's median is taken over its measurement iterations, not JMH's mean.
 *
 * <p>Usage: {@code BenchReport --jmh FILE --jmh-load TEXT --e2e FILE --out FILE}; a missing input file is skipped
 * (./bench can run one part alone).
 */
public final class BenchReport {
    /**
     * The issues' targets for the micro-benchmarks, by JMH benchmark name: comparator and bound in the benchmark's
     * unit. The slice's is issue 5's "well under a second", read as 500 ms; the conv layer's build is issue 14's
     * "seconds, not minutes", read as 10 s.
     */
    private static final Map<String, Map.Entry<String, Double>> TARGETS = Map.of(
            "org.barq.benchmarks.jmh.ReconstructionDeltaBenchmark.delta", Map.entry(">=", 100e6),
            "org.barq.benchmarks.jmh.HingeDeltaBenchmark.delta", Map.entry(">=", 2e6),
            "org.barq.benchmarks.jmh.SliceBenchmark.slice", Map.entry("<=", 500.0),
            "org.barq.benchmarks.jmh.ConvLayerBenchmark.build", Map.entry("<=", 10_000.0));

    private BenchReport() {
    }

    /**
     * @param args see the class comment
     * @throws IOException if an input cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> given = Arguments.parse(args, List.of("--jmh", "--jmh-load", "--e2e", "--out"),
                List.of());
        List<BenchRow> rows = new ArrayList<>();
        Path jmh = Path.of(given.getOrDefault("--jmh", "-"));
        if (Files.isRegularFile(jmh)) {
            rows.addAll(jmhRows(new ObjectMapper().readTree(jmh.toFile()), given.getOrDefault("--jmh-load", "?")));
        }
        Path e2e = Path.of(given.getOrDefault("--e2e", "-"));
        if (Files.isRegularFile(e2e)) {
            rows.addAll(EndToEnd.read(e2e));
        }
        System.out.print(table(rows));
        Path out = Path.of(Arguments.required(given, "--out"));
        // written whole or not at all: ./bench reads it back
        AtomicFiles.write(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(
                document(rows)));
        System.out.println("bench: wrote " + out);
    }

    /**
     * @param results JMH's {@code -rf json} output
     * @param load    the load average around the JMH run
     * @return one row per benchmark and parameter set
     */
    static List<BenchRow> jmhRows(JsonNode results, String load) {
        List<BenchRow> rows = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText();
            StringBuilder id = new StringBuilder("jmh." + benchmark.replace("org.barq.benchmarks.jmh.", ""));
            JsonNode params = result.get("params");
            if (params != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                    id.append('.').append(it.next().getValue().asText());
                }
            }
            JsonNode metric = result.get("primaryMetric");
            List<Double> runs = new ArrayList<>();
            for (JsonNode fork : metric.get("rawData")) {
                for (JsonNode value : fork) {
                    runs.add(value.asDouble());
                }
            }
            Map.Entry<String, Double> target = TARGETS.get(benchmark);
            String note = result.get("mode").asText() + ", " + runs.size() + " iterations, JMH mean "
                    + BenchRow.format(metric.get("score").asDouble()) + " +- "
                    + BenchRow.format(metric.get("scoreError").asDouble());
            rows.add(new BenchRow(id.toString(), id.substring(4), BenchRow.median(runs),
                    metric.get("scoreUnit").asText(), target == null ? null : target.getKey(),
                    target == null ? null : target.getValue(), runs, load, note));
        }
        return rows;
    }

    /** @return the table, one line per row, with a header */
    static String table(List<BenchRow> rows) {
        StringBuilder s = new StringBuilder();
        String format = "%-48s %12s  %-7s %-12s %-5s  %s%n";
        s.append(String.format(Locale.ROOT, format, "what", "median", "unit", "target", "pass", "load"));
        for (BenchRow row : rows) {
            Boolean pass = row.pass();
            s.append(String.format(Locale.ROOT, format, row.id(), BenchRow.format(row.median()), row.unit(),
                    row.target(), pass == null ? "-" : pass ? "PASS" : "FAIL", row.load()));
        }
        return s.toString();
    }

    private static Map<String, Object> document(List<BenchRow> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generated", Instant.now().toString());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("load_average_at_report", LoadAverage.all());
        String omp = System.getenv("OMP_NUM_THREADS");
        doc.put("omp_num_threads", omp == null ? "default" : omp);
        List<Map<String, Object>> list = new ArrayList<>();
        for (BenchRow row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", row.id());
            m.put("what", row.what());
            m.put("median", Double.isNaN(row.median()) ? null : row.median());
            m.put("unit", row.unit());
            m.put("target", row.target());
            m.put("pass", row.pass());
            m.put("runs", row.runs());
            m.put("load", row.load());
            m.put("note", row.note());
            list.add(m);
        }
        doc.put("rows", list);
        return doc;
    }
}
