package org.barq.api.checkpoint;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;

/**
 * Reads and writes the safetensors file layout (FORMULATION §6): an 8-byte little-endian header length {@code N},
 * a UTF-8 JSON header of {@code N} bytes padded with spaces to a multiple of 8 (so the tensor data is 8-byte
 * aligned), then the tensor bytes. Each header entry is {@code {"dtype", "shape", "data_offsets": [begin, end)}}
 * relative to the start of the data; the entries tile the data without gaps or overlaps and end at the end of the
 * file; {@code __metadata__} is a flat map of strings to strings.
 *
 * <p>Deterministic bytes: the header is compact JSON with {@code __metadata__} first (keys sorted, omitted when
 * empty), then the tensors in the order of {@link SafetensorsFile#tensors()}, each as {@code dtype, shape,
 * data_offsets}; the data follow in the same order. So equal content always gives identical files.
 *
 * <p>Every problem in a file read is reported as one {@link InvalidInputException} line naming the file, the
 * problem and the value found.
 */
public final class Safetensors {
    /** Headers longer than this are rejected as absurd, before any allocation. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int LENGTH_BYTES = 8;
    private static final int ALIGNMENT = 8;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /**
     * @param file a safetensors file
     * @return its tensors, in the order of their data offsets, and its metadata
     * @throws InvalidInputException if the file is missing, is not safetensors or is malformed
     */
    public static SafetensorsFile read(Path file) {
        return decode(readBytes(file), file.toString());
    }

    /**
     * Writes atomically (see {@link AtomicFiles}): the target is either untouched or completely replaced.
     *
     * @param file    the file to create or replace
     * @param content what to write
     * @throws InvalidInputException if the file cannot be written
     */
    public static void write(Path file, SafetensorsFile content) {
        AtomicFiles.write(file, encode(content));
    }

    /**
     * @param content tensors and metadata
     * @return the complete file bytes, deterministic for equal content
     */
    public static byte[] encode(SafetensorsFile content) {
        byte[] header = header(content);
        int padded = (header.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        long dataBytes = 0;
        for (Tensor t : content.tensors().values()) {
            dataBytes += t.rawData().length;
        }
        long total = LENGTH_BYTES + padded + dataBytes;
        if (total > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("a safetensors file of " + total + " bytes is too large for barq's writer."
                    + " Maybe the model is far larger than an MLP checkpoint should be?");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(header);
        for (int i = header.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : content.tensors().values()) {
            out.put(t.rawData());
        }
        return out.array();
    }

    private static byte[] header(SafetensorsFile content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!content.metadata().isEmpty()) {
                g.writeObjectFieldStart(SafetensorsFile.METADATA_KEY);
                for (Map.Entry<String, String> e : content.metadata().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> e : content.tensors().entrySet()) {
                Tensor t = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", t.dtype());
                g.writeArrayFieldStart("shape");
                for (long d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                offset += t.rawData().length;
                g.writeNumber(offset);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a whole file, turning a missing or unreadable file into a one-line message.
     *
     * @param file the file
     * @return its bytes
     * @throws InvalidInputException if it does not exist, is a folder, cannot be read or exceeds 2 GB
     */
    static byte[] readBytes(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + " is a folder, not a safetensors file. Maybe name the"
                        + " .safetensors file inside it?");
            }
            if (Files.size(file) > Integer.MAX_VALUE - 16) {
                throw new InvalidInputException(file + " has " + Files.size(file) + " bytes, more than barq reads"
                        + " (2 GB). Maybe it is not an MLP checkpoint?");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("checkpoint " + file + " does not exist. Maybe check the path, or train"
                    + " a model first?", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e + ". Maybe check its permissions?", e);
        }
    }

    /**
     * @param bytes  a complete safetensors file
     * @param source the file name, for messages
     * @return its tensors, in the order of their data offsets, and its metadata
     * @throws InvalidInputException naming {@code source}, the problem and the value found
     */
    public static SafetensorsFile decode(byte[] bytes, String source) {
        long headerLength = headerLength(bytes, source);
        int dataStart = LENGTH_BYTES + (int) headerLength;
        long dataBytes = bytes.length - (long) dataStart;
        JsonNode root = parseHeader(bytes, (int) headerLength, source);
        TreeMap<String, String> metadata = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(SafetensorsFile.METADATA_KEY)) {
                readMetadata(field.getValue(), metadata, source);
            } else {
                entries.add(entry(field.getKey(), field.getValue(), dataBytes, source));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin > expected) {
                throw bad(source, "tensor '" + e.name + "' starts at data byte " + e.begin + " but the previous tensor"
                        + " ends at " + expected + ", a gap of " + (e.begin - expected) + " bytes",
                        "the file was written by a faulty tool");
            }
            if (e.begin < expected) {
                throw bad(source, "tensor '" + e.name + "' starts at data byte " + e.begin + ", inside the previous"
                        + " tensor that ends at " + expected + " (overlap)", "the file was written by a faulty tool");
            }
            expected = e.end;
        }
        if (expected != dataBytes) {
            throw bad(source, "the tensors cover " + expected + " data bytes but the file holds " + dataBytes
                    + " after the header", "the file has trailing bytes or was cut short");
        }
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) e.begin, dataStart + (int) e.end);
            tensors.put(e.name, new Tensor(e.dtype.name(), e.shape, data));
        }
        return new SafetensorsFile(tensors, metadata);
    }

    private static long headerLength(byte[] bytes, String source) {
        if (bytes.length < LENGTH_BYTES) {
            throw bad(source, "not a safetensors file: it has only " + bytes.length + " bytes, fewer than the 8-byte"
                    + " header length", "the file is empty or truncated");
        }
        long n = ByteBuffer.wrap(bytes, 0, LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (looksLikeText(bytes)) {
            String start = new String(bytes, 0, Math.min(bytes.length, 24), StandardCharsets.UTF_8)
                    .replaceAll("[\\r\\n\\t]", " ");
            throw bad(source, "not a safetensors file: it starts with text '" + start + "'",
                    "it is a CSV or other text file; pass a .safetensors checkpoint written by barq here");
        }
        if (n < 2 || n > MAX_HEADER_BYTES) {
            throw bad(source, "header length " + n + " is absurd (it must lie in [2, " + MAX_HEADER_BYTES + "])",
                    "this is not a safetensors file");
        }
        if (n > bytes.length - LENGTH_BYTES) {
            throw bad(source, "header length " + n + " exceeds the " + (bytes.length - LENGTH_BYTES)
                    + " bytes that follow the length field", "the file is truncated");
        }
        return n;
    }

    /**
     * Whether the file starts with UTF-8 text, printable or white space: a real header length is a small number, so
     * its high bytes are zero, which text has none of.
     */
    private static boolean looksLikeText(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, 4 * LENGTH_BYTES));
        CharBuffer out = CharBuffer.allocate(4 * LENGTH_BYTES);
        // not the end of the input: a character cut at the end of the window is not an error
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, false);
        if (result.isError() || in.position() < LENGTH_BYTES) {
            return false;
        }
        out.flip();
        while (out.hasRemaining()) {
            char c = out.get();
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parseHeader(byte[] bytes, int length, String source) {
        if (bytes[LENGTH_BYTES] != '{') {
            throw bad(source, "the header does not start with '{' but with byte 0x"
                    + Integer.toHexString(bytes[LENGTH_BYTES] & 0xff), "this is not a safetensors file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, LENGTH_BYTES, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(source, "the header is not valid UTF-8 (" + e.getMessage() + ")", "the file is damaged");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(source, "the header is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "),
                    "the file is damaged or the header length is wrong");
        }
        if (root == null || !root.isObject()) {
            throw bad(source, "the header is JSON but not an object: " + abbreviate(String.valueOf(root)),
                    "this is not a safetensors file");
        }
        return root;
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata, String source) {
        if (!node.isObject()) {
            throw bad(source, "__metadata__ is not an object but " + abbreviate(node.toString()),
                    "the file was written by a faulty tool");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(source, "__metadata__ value of '" + e.getKey() + "' is not a string but "
                        + abbreviate(e.getValue().toString()),
                        "the file was written by a faulty tool (metadata values are strings)");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry entry(String name, JsonNode node, long dataBytes, String source) {
        String what = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw bad(source, what + " is not an object but " + abbreviate(node.toString()), "the file is damaged");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw bad(source, what + " has no dtype string (found " + dtypeNode + ")", "the file is damaged");
        }
        Dtype dtype = Dtype.named(dtypeNode.textValue()).orElseThrow(() -> bad(source, what + " has unknown dtype '"
                + dtypeNode.textValue() + "'", "one of " + Dtype.choices()));
        long[] shape = longs(node.get("shape"), what + " shape", source);
        long[] offsets = longs(node.get("data_offsets"), what + " data_offsets", source);
        for (long d : shape) {
            if (d < 0) {
                throw bad(source, what + " has a negative dimension in shape " + Arrays.toString(shape),
                        "the file is damaged");
            }
        }
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw bad(source, what + " has data_offsets " + Arrays.toString(offsets) + ", not [begin, end) with"
                    + " 0 <= begin <= end", "the file is damaged");
        }
        if (offsets[1] > dataBytes) {
            throw bad(source, what + " ends at data byte " + offsets[1] + " but only " + dataBytes
                    + " data bytes follow the header", "the file is truncated");
        }
        long needed;
        try {
            needed = Tensor.byteCount(dtype, shape);
        } catch (InvalidInputException e) {
            throw bad(source, what + " has shape " + Arrays.toString(shape) + " that is too large",
                    "the file is damaged");
        }
        if (needed != offsets[1] - offsets[0]) {
            throw bad(source, what + " of dtype " + dtype + " and shape " + Arrays.toString(shape) + " needs " + needed
                    + " bytes but its data_offsets " + Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0]),
                    "the file is damaged");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(JsonNode node, String what, String source) {
        if (node == null || !node.isArray()) {
            throw bad(source, what + " is not a list but " + node, "the file is damaged");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw bad(source, what + " holds " + v + ", not an integer", "the file is damaged");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static InvalidInputException bad(String source, String problem, String hint) {
        return new InvalidInputException(source + ": " + problem + ". Maybe " + hint + "?");
    }

    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
    }
}
