package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending whole lines, and reading back past a torn last line. */
class ResultsFileTest {
    @TempDir
    Path dir;

    @Test
    void linesAppendedFromManyThreadsAreWholeAndAllThere() throws Exception {
        Path file = dir.resolve("results.jsonl");
        ResultsFile results = ResultsFile.openForAppend(file);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        String padding = "x".repeat(20_000);
        for (int i = 0; i < 40; i++) {
            int k = i;
            futures.add(pool.submit(() -> results.append(StudyJson.line(Map.of("id", "v" + k, "pad", padding)))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        results.close();
        assertEquals(40, ResultsFile.load(file).size());
        assertEquals(40, Files.readAllLines(file).size());
    }

    @Test
    void aTornLastLineIsIgnoredOnLoadAndCutOffBeforeTheNextAppend() throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"co", StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b"), new ArrayList<>(ResultsFile.load(file).keySet()));
        ResultsFile results = ResultsFile.openForAppend(file);
        results.append("{\"id\":\"c\"}");
        results.close();
        assertEquals("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n", Files.readString(file));
    }

    /** Workers finish in any order; the finished file lists the variants in the study's order, bytes unchanged. */
    @Test
    void theFinishedFileIsInTheStudysOrderWithEachLineUnchanged() throws Exception {
        Path file = dir.resolve("ordered.jsonl");
        Files.writeString(file, "{\"id\":\"c\",\"r\":1.50}\n{\"id\":\"x\"}\n{\"id\":\"a\", \"r\": 2}\n"
                + "{\"id\":\"b\"}\n", StandardCharsets.UTF_8);
        ResultsFile.orderBy(file, List.of("a", "b", "c"));
        assertEquals("{\"id\":\"a\", \"r\": 2}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"r\":1.50}\n{\"id\":\"x\"}\n",
                Files.readString(file, StandardCharsets.UTF_8), "unknown ids last, each line's bytes kept");
    }

    @Test
    void aSecondWriterIsRefusedUntilTheFirstCloses() {
        Path file = dir.resolve("results.jsonl");
        ResultsFile first = ResultsFile.openForAppend(file);
        String message = assertThrows(InvalidInputException.class, () -> ResultsFile.openForAppend(file)).getMessage();
        assertTrue(message.startsWith("another barq run is appending to "), message);
        first.close();
        ResultsFile.openForAppend(file).close();
    }

    @Test
    void aMissingFileHasNoLinesAndARepeatedIdKeepsTheFirst() throws Exception {
        assertTrue(ResultsFile.load(dir.resolve("none.jsonl")).isEmpty());
        Path file = Files.writeString(dir.resolve("r.jsonl"), "{\"id\":\"a\",\"k\":1}\n{\"id\":\"a\",\"k\":2}\n");
        assertEquals(1, ResultsFile.load(file).get("a").get("k").asInt());
    }

    @Test
    void aCompleteLineThatIsNotAResultNamesItsLineNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("r.jsonl"), "{\"id\":\"a\"}\n{oops}\n");
        String message = assertThrows(InvalidInputException.class, () -> ResultsFile.load(file)).getMessage();
        assertTrue(message.contains("line 2 is not JSON"), message);
        Path noId = Files.writeString(dir.resolve("s.jsonl"), "[1, 2]\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> ResultsFile.load(noId)).getMessage()
                .contains("line 1 is not a results line"));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("a", Double.NaN);
        line.put("b", List.of(1.5, Double.POSITIVE_INFINITY));
        assertEquals("{\"a\":null,\"b\":[1.5,null]}", StudyJson.line(line));
    }
}
