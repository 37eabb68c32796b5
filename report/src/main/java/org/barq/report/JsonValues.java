package org.barq.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tolerant lookups in parsed JSON: a missing key, a {@code null}, or a value of the wrong type reads as "absent"
 * (NaN for numbers, {@code null} for text) so that one odd field costs one table cell, not the report.
 */
final class JsonValues {
    /** Accepts the {@code NaN} and {@code Infinity} tokens some writers emit for undefined statistics. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonValues() {
    }

    /**
     * @param node a node, possibly null
     * @param path object keys to follow
     * @return the node at the path, or a missing node when any step is absent or not an object
     */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String key : path) {
            if (current == null || !current.isObject()) {
                return MissingNode.getInstance();
            }
            current = current.get(key);
        }
        return current == null ? MissingNode.getInstance() : current;
    }

    /** @return the number at the path; NaN when absent, null, or not a number (numeric text is parsed) */
    static double number(JsonNode node, String... path) {
        return asNumber(at(node, path));
    }

    /** @return the node's number; NaN when it is not a number (numeric text is parsed) */
    static double asNumber(JsonNode value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** @return the scalar at the path as text, the compact JSON of a container, or null when absent or null */
    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * @param value any node
     * @return display lines: a scalar as its text, a list of scalars joined by commas, an object as {@code key: value}
     *         lines (nested containers as compact JSON); nothing for an absent or null node
     */
    static List<String> displayLines(JsonNode value) {
        List<String> lines = new ArrayList<>();
        if (value == null || value.isMissingNode() || value.isNull()) {
            return lines;
        }
        if (value.isValueNode()) {
            lines.add(value.asText());
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                items.add(item.isValueNode() ? item.asText() : item.toString());
            }
            lines.add(String.join(", ", items));
        } else {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode v = field.getValue();
                lines.add(field.getKey() + ": " + (v.isValueNode() ? v.asText() : v.toString()));
            }
        }
        return lines;
    }
}
