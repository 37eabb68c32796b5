package org.barq.api.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON values inside checkpoint metadata strings: layer sizes and input scalings. */
final class CheckpointJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointJson() {
    }

    /** @return compact JSON, e.g. {@code [64,64,10]} or {@code 0.0625} */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    /** @return the parsed value, or null when {@code text} is not JSON */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** @return the layer sizes in {@code text}, or null when it is not a JSON list of positive integers */
    static int[] sizes(String text) {
        JsonNode node = parse(text);
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        int[] sizes = new int[node.size()];
        for (int i = 0; i < sizes.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                return null;
            }
            sizes[i] = v.intValue();
        }
        return sizes;
    }

    /** @return the numbers of {@code text}: one for a JSON number, all for a JSON list; null otherwise */
    static double[] numbers(String text) {
        JsonNode node = parse(text);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return new double[] {node.doubleValue()};
        }
        if (!node.isArray() || node.isEmpty()) {
            return null;
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()) {
                return null;
            }
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }
}
