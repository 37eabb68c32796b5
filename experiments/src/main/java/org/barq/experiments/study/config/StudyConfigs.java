package org.barq.experiments.study.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barq.api.Sha256;
import org.barq.api.InvalidInputException;

/**
 * Reads study configs from YAML into validated {@link StudyConfig} records, and writes the resolved form. Strict: an
 * unknown key, a value of the wrong type or a bad value fails with one line that names the file, the key path and
 * the value, e.g. {@code config configs/x.yaml: unknown key 'solverz' at solvers[0]. Maybe one of: label, name,
 * options, time_limit?}.
 */
public final class StudyConfigs {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    /** Tells which kind of study a text is even when it repeats a key, so that the strict read then names the key. */
    private static final ObjectMapper KIND = JsonMapper.builder(new YAMLFactory()).build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private StudyConfigs() {
    }

    /**
     * @param file a YAML study config
     * @return the validated config with every default filled in
     * @throws InvalidInputException one line naming the file, the key path and the value
     */
    public static StudyConfig read(Path file) {
        return parse(text(file), file.toString());
    }

    /**
     * @param file a YAML config
     * @return its text
     * @throws InvalidInputException when it is missing or unreadable
     */
    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("config " + file + " does not exist. Maybe one of configs/*.yaml?");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config " + file + ": " + e.getMessage() + ". Maybe check"
                    + " that it is a readable file?");
        }
    }

    /**
     * @param yaml   the config text
     * @param source where it came from, for messages
     * @return the validated config with every default filled in
     * @throws InvalidInputException one line naming the source, the key path and the value
     */
    public static StudyConfig parse(String yaml, String source) {
        return parse(yaml, source, StudyConfig.class);
    }

    /**
     * @param yaml   the config text
     * @param source where it came from, for messages
     * @param type   the config record, e.g. {@link FeaturesStudyConfig}
     * @param <T>    its type
     * @return the validated config with every default filled in
     * @throws InvalidInputException one line naming the source, the key path and the value
     */
    public static <T> T parse(String yaml, String source, Class<T> type) {
        if (yaml.isBlank()) {
            throw new InvalidInputException("config " + source + " is empty. Maybe start from configs/smoke.yaml?");
        }
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                // only comments, or a document marker alone
                throw new InvalidInputException("config " + source + " is empty: it holds no keys. Maybe start from"
                        + " configs/smoke.yaml?");
            }
            requireValues(tree, "", source);
            T config = YAML.readValue(yaml, type);
            if (config == null) {
                throw new InvalidInputException("config " + source + " holds no keys. Maybe start from"
                        + " configs/smoke.yaml?");
            }
            return config;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException syntax && !(syntax instanceof JsonMappingException)) {
                throw syntaxError(syntax, source);
            }
            throw translate(e, source);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        }
    }

    /**
     * A key written without a value reads as null, which the records would take as absent and fill with the default
     * ({@code seeds:} ran seed 0); so an empty value is refused wherever it stands, but for a solver's
     * {@code output_pass: null}, which is how a resolved config writes a solver without one.
     */
    private static void requireValues(JsonNode node, String path, String source) {
        if (node == null || node.isNull() && path.endsWith(".output_pass")) {
            return;
        }
        if (node.isNull()) {
            throw new InvalidInputException("config " + source + ": " + (path.isEmpty() ? "the file" : path)
                    + " has no value. Maybe give one, or leave the key out for its default?");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> requireValues(f.getValue(), path.isEmpty() ? f.getKey()
                    : path + "." + f.getKey(), source));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireValues(node.get(i), path + "[" + i + "]", source);
            }
        }
    }

    private static InvalidInputException syntaxError(JsonProcessingException e, String source) {
        InvalidInputException number = numberError(e, source);
        if (number != null) {
            return number;
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            // the last of two values would win without a word
            return new InvalidInputException("config " + source + ": key '" + duplicate.group(1) + "' appears twice in"
                    + " one section" + where + ". Maybe keep one of them?", e);
        }
        return new InvalidInputException("config " + source + " is not valid YAML" + where + ": "
                + firstLine(e.getOriginalMessage()) + ". Maybe check the indentation, colons and brackets?", e);
    }

    /**
     * A number the parser cannot hold ({@code .nan}, {@code .inf}, a whole number beyond 64 bits) is well-formed YAML:
     * named by its key path and value, as a bad value is, rather than as a syntax error.
     *
     * @return the error, or null when {@code e} is not about a number
     */
    private static InvalidInputException numberError(JsonProcessingException e, String source) {
        String message = String.valueOf(e.getOriginalMessage());
        boolean range = message.startsWith("Numeric value") && message.contains("out of range");
        if (!(e.getProcessor() instanceof JsonParser p) || !range && !message.startsWith("Malformed numeric value")) {
            return null;
        }
        String value;
        try {
            value = p.getText();
        } catch (IOException unreadable) {
            return null;
        }
        String key = keyPath(p.getParsingContext());
        if (value == null || key.isEmpty()) {
            return null;
        }
        String problem;
        if (range) {
            Matcher bounds = Pattern.compile("out of range of (\\w+) \\((\\S+) - (\\S+)\\)").matcher(message);
            // the type's bounds, not the key's: a key's own range is checked once the value can be held
            boolean below = value.startsWith("-");
            problem = "is too " + (below ? "small" : "large") + (bounds.find() ? " for a whole number here (at "
                    + (below ? "least " + bounds.group(2) : "most " + bounds.group(3)) + ")" : "") + ". Maybe "
                    + (below ? "a larger" : "a smaller") + " value?";
        } else if (value.matches("[-+]?\\.(?i:nan|inf)")) {
            problem = "is not a finite number. Maybe a finite one?";
        } else {
            problem = "cannot be read as a number. Maybe write it plainly, e.g. 1000 or 0.5?";
        }
        return new InvalidInputException("config " + source + ": " + key + " = " + value + ": " + problem, e);
    }

    /** @return the key path of where the parser stands, e.g. {@code evaluation.slice_range} or {@code seeds[0]} */
    private static String keyPath(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                segments.add(0, c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(path.length() > 0 && !segment.startsWith("[") ? "." : "").append(segment);
        }
        return path.toString();
    }

    /**
     * @param config a config
     * @return its YAML text: keys in record order, every default present; the same config always gives the same text
     */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a study config could not be written as YAML: " + e.getMessage(), e);
        }
    }

    /**
     * @param config a config
     * @return it as a tree of maps, lists and scalars (the shape of its YAML), for embedding in JSON
     */
    public static Object toTree(StudyConfig config) {
        return YAML.convertValue(YAML.valueToTree(config), Object.class);
    }

    /**
     * @param tree   a config as {@link #toTree} gives it, e.g. read back from {@code provenance.json}
     * @param source where it came from, for messages
     * @return the validated config
     */
    public static StudyConfig fromTree(JsonNode tree, String source) {
        try {
            return parse(YAML.writeValueAsString(tree), source);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("config in " + source + " cannot be read: " + e.getOriginalMessage()
                    + ". Maybe the file was edited?", e);
        }
    }

    /**
     * @param yaml a config's text
     * @return whether it is an input-bits study: its top level has {@code input_bits:}
     */
    public static boolean isInputBits(String yaml) {
        return hasTopLevel(yaml, "input_bits");
    }

    /**
     * @param yaml a config's text
     * @return whether it is a features study: its top level has {@code features:} (a rounding study's never does)
     */
    public static boolean isFeatures(String yaml) {
        return hasTopLevel(yaml, "features");
    }

    /** @return whether the YAML is a map with that key at its top level (false for text that is not YAML) */
    private static boolean hasTopLevel(String yaml, String key) {
        try {
            JsonNode tree = KIND.readTree(yaml);
            return tree != null && tree.isObject() && tree.has(key);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * @param text any text
     * @return the SHA-256 of its UTF-8 bytes, lowercase hex
     */
    public static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidInputException translate(JsonMappingException e, String source) {
        String prefix = "config " + source + ": ";
        List<JsonMappingException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException u) {
            String at = path(path.subList(0, Math.max(0, path.size() - 1)));
            TreeSet<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
            return new InvalidInputException(prefix + "unknown key '" + u.getPropertyName() + "' "
                    + (at.isEmpty() ? "at the top level" : "at " + at) + ". Maybe one of: " + String.join(", ", known)
                    + "?", e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConfigValueException c) {
            String key = join(path(path), c.key());
            if (c.isMissing()) {
                int dot = key.lastIndexOf('.');
                return new InvalidInputException(prefix + "missing key '" + key.substring(dot + 1) + "' at "
                        + (dot < 0 ? "the top level" : key.substring(0, dot)) + ". " + c.problem(), e);
            }
            return new InvalidInputException(prefix + key + " = " + c.value() + ": " + c.problem(), e);
        }
        if (cause instanceof InvalidInputException c) {
            return new InvalidInputException(prefix + "at " + orTop(path(path)) + ": " + c.getMessage(), e);
        }
        String at = orTop(path(path));
        if (e instanceof InvalidFormatException f) {
            return new InvalidInputException(prefix + at + " = " + f.getValue() + ": expected " + expected(f.getTargetType())
                    + ". Maybe check the value's type?", e);
        }
        if (e instanceof MismatchedInputException m) {
            return new InvalidInputException(prefix + at + ": expected " + expected(m.getTargetType()) + ", found "
                    + found(m) + ". Maybe check the value's type?", e);
        }
        return new InvalidInputException(prefix + "at " + at + ": " + firstLine(e.getOriginalMessage()) + ". Maybe"
                + " check the value against the README's config keys?", e);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                s.append(s.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String join(String path, String key) {
        if (path.isEmpty()) {
            return key;
        }
        if (path.equals(key) || path.endsWith("." + key)) {
            return path;
        }
        return key.startsWith("[") ? path + key : path + "." + key;
    }

    private static String orTop(String path) {
        return path.isEmpty() ? "the top level" : path;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        return "a " + type.getSimpleName();
    }

    /** Names what Jackson found: the scalar the parser stopped at, else a description from its message. */
    private static String found(MismatchedInputException e) {
        if (e.getProcessor() instanceof JsonParser p && p.currentToken() != null && p.currentToken().isScalarValue()) {
            try {
                return p.currentToken() == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
            } catch (IOException unreadable) {
                // fall back to the message
            }
        }
        String message = firstLine(e.getOriginalMessage());
        Matcher quoted = Pattern.compile("value \\((\"[^)]*\")\\)").matcher(message);
        if (quoted.find()) {
            return quoted.group(1);
        }
        if (message.contains("Object value") || message.contains("START_OBJECT")) {
            return "a mapping";
        }
        if (message.contains("Array value") || message.contains("START_ARRAY")) {
            return "a list";
        }
        if (message.contains("Floating-point value")) {
            return "a decimal number";
        }
        if (message.contains("Integer value")) {
            return "a whole number";
        }
        if (message.contains("Boolean value")) {
            return "true or false";
        }
        return "something else (" + message + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
