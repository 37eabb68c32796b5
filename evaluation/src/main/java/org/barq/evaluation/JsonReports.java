package org.barq.evaluation;

import org.barq.api.checkpoint.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the evaluation reports ({@code toJson()} maps) as indented JSON, atomically. Key order is the map's order.
 * Non-finite numbers (NaN: an undefined statistic such as the median of nothing) are written as {@code null}, which
 * every JSON reader accepts.
 */
public final class JsonReports {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReports() {
    }

    /**
     * @param target the JSON file to create or replace
     * @param report a report's {@code toJson()} map
     * @return {@code target}
     */
    public static Path write(Path target, Map<String, Object> report) {
        // Jackson closes a stream it writes to; bytes first keeps the atomic writer in charge of its stream.
        return AtomicFiles.write(target, toText(report).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * @param report a report's {@code toJson()} map
     * @return the JSON text, as {@link #write} would write it
     */
    public static String toText(Map<String, Object> report) {
        try {
            return MAPPER.writeValueAsString(finite(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a report map holds a value Jackson cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * @param value maps, lists and scalars
     * @return a copy with every NaN or infinite number replaced by {@code null}, maps keeping their order
     */
    public static Object finite(Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(e.getKey(), finite(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(finite(o));
            }
            return copy;
        }
        return value;
    }
}
