package org.barq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportsTest {
    @TempDir
    Path dir;

    @Test
    void writesKeysInOrderAndNonFiniteNumbersAsNull() throws IOException {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", 1.5);
        inner.put("alpha", Double.NaN);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("b", inner);
        report.put("a", List.of(1, Double.POSITIVE_INFINITY));
        Path file = dir.resolve("sub/report.json");
        JsonReports.write(file, report);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("b", "a"), keys);
        List<String> innerKeys = new ArrayList<>();
        json.get("b").fieldNames().forEachRemaining(innerKeys::add);
        assertEquals(List.of("zeta", "alpha"), innerKeys);
        assertTrue(json.get("b").get("alpha").isNull());
        assertTrue(json.get("a").get(1).isNull());
        assertEquals(1.5, json.get("b").get("zeta").asDouble());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "old");
        JsonReports.write(file, Map.of("k", 1));
        assertEquals(1, new ObjectMapper().readTree(file.toFile()).get("k").asInt());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        // readable like any file the user writes, not owner-only as a temporary file would be
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_READ));
            assertEquals(Files.getPosixFilePermissions(Files.writeString(dir.resolve("plain"), "x")),
                    Files.getPosixFilePermissions(file));
        }
    }
}
