package org.barq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static final String JMH = """
            [{"benchmark": "org.barq.benchmarks.jmh.HingeDeltaBenchmark.delta", "mode": "thrpt",
              "primaryMetric": {"score": 2.2e6, "scoreError": 1e5, "scoreUnit": "ops/s",
                                "rawData": [[1.0e6, 3.0e6, 2.5e6, 2.0e6, 1.5e6]]}},
             {"benchmark": "org.barq.benchmarks.jmh.FlipBenchmark.flip", "mode": "thrpt",
              "params": {"objectiveKind": "hinge"},
              "primaryMetric": {"score": 1e6, "scoreError": 1e4, "scoreUnit": "ops/s", "rawData": [[1e6]]}},
             {"benchmark": "org.barq.benchmarks.jmh.SliceBenchmark.slice", "mode": "avgt",
              "primaryMetric": {"score": 600, "scoreError": 10, "scoreUnit": "ms/op", "rawData": [[590, 600, 610]]}}]
            """;

    @Test
    void jmhRowsTakeTheMedianOfTheIterationsAndTheIssueTargets() throws Exception {
        List<BenchRow> rows = BenchReport.jmhRows(new ObjectMapper().readTree(JMH), "1.0 -> 2.0");
        assertEquals(3, rows.size());
        BenchRow hinge = rows.get(0);
        assertEquals("jmh.HingeDeltaBenchmark.delta", hinge.id());
        assertEquals(2.0e6, hinge.median());
        assertTrue(hinge.pass());
        assertEquals("jmh.FlipBenchmark.flip.hinge", rows.get(1).id());
        assertEquals(null, rows.get(1).pass());
        BenchRow slice = rows.get(2);
        assertEquals("<=", slice.comparator());
        assertEquals(500.0, slice.bound());
        assertFalse(slice.pass(), "600 ms is not well under a second");
    }

    @Test
    void tableMarksFailuresAndEndToEndRowsSurviveJson(@TempDir Path dir) throws Exception {
        BenchRow slow = new BenchRow("process.x", "x", 20, "s", "<=", 15.0, List.of(20.0), "1 -> 1", "");
        BenchRow missing = BenchRow.unavailable("process.y", "y", "s", null, null, "not available");
        Path file = dir.resolve("e2e.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(List.of(slow, missing)));
        List<BenchRow> read = EndToEnd.read(file);
        assertEquals(slow, read.get(0));
        assertTrue(Double.isNaN(read.get(1).median()));
        String table = BenchReport.table(read);
        assertTrue(table.contains("FAIL"), table);
        assertFalse(table.contains("PASS"), table);
    }
}
