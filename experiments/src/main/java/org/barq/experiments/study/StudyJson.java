package org.barq.experiments.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.evaluation.JsonReports;

/** Compact JSON for results lines (a non-finite number becomes {@code null}), and reading JSON files back. */
final class StudyJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StudyJson() {
    }

    /**
     * @param value maps, lists, strings, numbers and booleans
     * @return one line of JSON, keys in map order, NaN and infinities as {@code null}
     */
    static String line(Object value) {
        try {
            return JSON.writeValueAsString(JsonReports.finite(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a results line holds a value Jackson cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * @param file a JSON file
     * @return its tree
     * @throws InvalidInputException naming the file when it is missing or not JSON
     */
    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + " does not exist. Maybe the run folder is incomplete or another"
                    + " folder was meant?");
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not readable JSON: " + e.getMessage().lines().findFirst()
                    .orElse("") + ". Maybe the file was edited?", e);
        }
    }

    /** @return {@code node} as plain maps, lists and scalars */
    static Object plain(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }
}
