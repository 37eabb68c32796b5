package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformation the reader promises to catch, each built as a file and read back. */
class MalformedCheckpointTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithOneLineNamingTheFileAndTheProblem(String name, Supplier<byte[]> file, String expected)
            throws IOException {
        Path path = dir.resolve(name.replace(' ', '-') + ".safetensors");
        Files.write(path, file.get());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoints.read(path));
        String message = e.getMessage();
        assertTrue(message.startsWith(path.toString()), message);
        assertTrue(message.indexOf(path.toString(), 1) < 0, "file named twice: " + message);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
        assertFalse(message.contains("\n"), message);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Layout of the file
                arguments("truncated", () -> Arrays.copyOf(rounded(), rounded().length - 5), "the file is truncated"),
                arguments("shorter than the length field", () -> new byte[] {1, 0, 0, 0}, "fewer than the 8-byte"),
                arguments("header length beyond the file", () -> withHeaderLength(rounded(), rounded().length),
                        "exceeds the"),
                arguments("absurd header length", () -> withHeaderLength(rounded(), 1L << 40), "is absurd"),
                arguments("negative header length", () -> withHeaderLength(rounded(), -8), "is absurd"),
                arguments("a CSV file", () -> "569,30,malignant,benign\n17.99,10.38\n".getBytes(StandardCharsets.UTF_8),
                        "starts with text '569,30,malignant,benign"),
                arguments("a UTF-8 text file", () -> "# barq \u2014 boundary-aware rounding\n".getBytes(
                        StandardCharsets.UTF_8), "starts with text '# barq \u2014 boundary-awar"),
                arguments("header not an object", () -> raw("[1,2]", new byte[0]), "does not start with '{'"),
                arguments("bad JSON", () -> raw("{\"a\":{\"dtype\":", new byte[0]), "not valid JSON"),
                arguments("trailing JSON", () -> raw("{} {}", new byte[0]), "not valid JSON"),
                arguments("duplicate key", () -> raw("{\"a\":" + entry("U8", "[1]", 0, 1) + ",\"a\":"
                        + entry("U8", "[1]", 0, 1) + "}", new byte[1]), "Duplicate field 'a'"),
                arguments("invalid UTF-8", () -> raw("{\"\u00ff\":1}", new byte[0], true), "not valid UTF-8"),
                arguments("unknown dtype", () -> raw("{\"t\":" + entry("F33", "[1]", 0, 4) + "}", new byte[4]),
                        "unknown dtype 'F33'"),
                arguments("negative shape", () -> raw("{\"t\":" + entry("F32", "[-1]", 0, 0) + "}", new byte[0]),
                        "negative dimension"),
                arguments("fractional shape", () -> raw("{\"t\":" + entry("F32", "[1.5]", 0, 4) + "}", new byte[4]),
                        "not an integer"),
                arguments("shape and offsets disagree", () -> raw("{\"t\":" + entry("F32", "[2]", 0, 4) + "}",
                        new byte[4]), "needs 8 bytes but its data_offsets [0, 4] span 4"),
                arguments("reversed offsets", () -> raw("{\"t\":" + entry("U8", "[0]", 4, 0) + "}", new byte[4]),
                        "not [begin, end)"),
                arguments("gap", () -> raw("{\"a\":" + entry("F32", "[1]", 0, 4) + ",\"b\":" + entry("F32", "[1]", 8, 12)
                        + "}", new byte[12]), "a gap of 4 bytes"),
                arguments("overlap", () -> raw("{\"a\":" + entry("F32", "[2]", 0, 8) + ",\"b\":" + entry("F32", "[1]", 4, 8)
                        + "}", new byte[8]), "(overlap)"),
                arguments("trailing bytes", () -> concat(rounded(), new byte[8]), "cover 148 data bytes but the file"
                        + " holds 156"),
                arguments("metadata not strings", () -> raw("{\"__metadata__\":{\"a\":1}}", new byte[0]),
                        "value of 'a' is not a string"),
                // The model
                arguments("no barq format", () -> withMetadata(floatContent(), Checkpoints.BARQ_FORMAT, null),
                        "this is not a barq checkpoint"),
                arguments("unknown barq format", () -> withMetadata(floatContent(), Checkpoints.BARQ_FORMAT, "mlp-v9"),
                        "barq.format is 'mlp-v9'"),
                arguments("activation missing", () -> withMetadata(floatContent(), Checkpoints.ACTIVATION, null),
                        "metadata barq.activation is missing"),
                arguments("activation not relu", () -> withMetadata(floatContent(), Checkpoints.ACTIVATION, "tanh"),
                        "'tanh' but barq runs only relu"),
                arguments("layers metadata disagrees", () -> withMetadata(floatContent(), Checkpoints.LAYERS, "[3,4,3]"),
                        "barq.layers is [3,4,3] but the tensors give [3,4,2]"),
                arguments("layers metadata not a list", () -> withMetadata(floatContent(), Checkpoints.LAYERS, "3x4"),
                        "barq.layers is '3x4'"),
                arguments("input scale missing", () -> withMetadata(floatContent(), Checkpoints.INPUT_SCALE, null),
                        "metadata barq.input_scale is missing"),
                arguments("input scale not a number", () -> withMetadata(floatContent(), Checkpoints.INPUT_SCALE, "x"),
                        "barq.input_scale is 'x'"),
                arguments("input scale negative", () -> withMetadata(roundedContent(), Checkpoints.INPUT_SCALE, "-1"),
                        "input scale -1.0 must be positive"),
                arguments("NaN weight", () -> withTensor(floatContent(), "layers.0.weight",
                        Tensor.f32(new long[] {4, 3}, set(GoldenModels.W0, 5, Float.NaN))),
                        "tensor 'layers.0.weight' value 5 is NaN"),
                arguments("infinite bias", () -> withTensor(floatContent(), "layers.1.bias",
                        Tensor.f32(new long[] {2}, set(GoldenModels.B1, 1, Float.NEGATIVE_INFINITY))),
                        "tensor 'layers.1.bias' value 1 is -Infinity"),
                arguments("NaN scale", () -> withTensor(roundedContent(), "layers.1.weight.scale",
                        Tensor.f32(new long[] {2}, set(GoldenModels.S1, 0, Float.NaN))),
                        "tensor 'layers.1.weight.scale' value 0 is NaN"),
                arguments("zero scale", () -> withTensor(roundedContent(), "layers.1.weight.scale",
                        Tensor.f32(new long[] {2}, set(GoldenModels.S1, 0, 0f))), "row 0 is 0.0, not positive"),
                arguments("shapes do not chain", () -> withTensor(floatContent(), "layers.1.weight",
                        Tensor.f32(new long[] {2, 5}, new float[10])), "layer shapes do not chain"),
                arguments("bias length is not out", () -> withTensor(floatContent(), "layers.0.bias",
                        Tensor.f32(new long[] {3}, new float[3])), "'layers.0.bias' has shape [3] but the layer needs [4]"),
                arguments("weight of rank 1", () -> withTensor(floatContent(), "layers.0.weight",
                        Tensor.f32(new long[] {12}, GoldenModels.W0)), "not of rank 2"),
                arguments("weight in F64", () -> withTensor(floatContent(), "layers.0.weight",
                        new Tensor("F64", new long[] {4, 3}, new byte[96])), "has dtype F64 where barq needs F32"),
                arguments("bias missing", () -> withTensor(floatContent(), "layers.1.bias", null),
                        "tensor 'layers.1.bias' is missing"),
                arguments("layers not contiguous", () -> renamed(floatContent(), "layers.1.", "layers.2."),
                        "not contiguous from 0: layers.1 is missing"),
                arguments("unexpected tensor", () -> withTensor(floatContent(), "extra", Tensor.i8(new long[] {1},
                        new byte[1])), "unexpected tensor 'extra'"),
                arguments("codes in a float checkpoint", () -> withTensor(floatContent(), "layers.0.weight.codes",
                        Tensor.i8(new long[] {4, 3}, GoldenModels.C0)), "belongs to a rounded model"),
                arguments("scale tensor missing", () -> withTensor(roundedContent(), "layers.1.weight.scale", null),
                        "tensor 'layers.1.weight.scale' is missing"),
                arguments("bits missing", () -> withMetadata(roundedContent(), Checkpoints.BITS, null),
                        "metadata barq.bits is missing"),
                arguments("bits out of range", () -> withMetadata(roundedContent(), Checkpoints.BITS, "9"),
                        "barq.bits is 9, outside [2, 8]"),
                arguments("codes out of range", () -> withTensor(roundedContent(), "layers.0.weight.codes",
                        Tensor.i8(new long[] {4, 3}, setByte(GoldenModels.C0, 4, (byte) 8))),
                        "layers.0.weight.codes [1, 1] is 8, outside the 4-bit range [-8, 7]"),
                arguments("weight is not scale times codes", () -> withTensor(roundedContent(), "layers.1.weight",
                        Tensor.f32(new long[] {2, 4}, set(dequantized1(), 6, Math.nextUp(dequantized1()[6])))),
                        "(weight != scale * codes)"));
    }

    private static Arguments arguments(String name, Supplier<byte[]> file, String expected) {
        return Arguments.of(name, file, expected);
    }

    private static SafetensorsFile floatContent() {
        return CheckpointWriter.floatContent(GoldenModels.floatModel(), GoldenModels.floatMetadata());
    }

    private static SafetensorsFile roundedContent() {
        return CheckpointWriter.roundedContent(GoldenModels.roundedModel(), Optional.empty(), GoldenModels.roundedMetadata());
    }

    private static byte[] rounded() {
        return Safetensors.encode(roundedContent());
    }

    private static float[] dequantized1() {
        return GoldenModels.roundedModel().quantized().get(1).dequantized();
    }

    private static byte[] withTensor(SafetensorsFile content, String name, Tensor tensor) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(content.tensors());
        if (tensor == null) {
            tensors.remove(name);
        } else {
            tensors.put(name, tensor);
        }
        return Safetensors.encode(new SafetensorsFile(tensors, content.metadata()));
    }

    private static byte[] withMetadata(SafetensorsFile content, String key, String value) {
        TreeMap<String, String> m = new TreeMap<>(content.metadata());
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return Safetensors.encode(new SafetensorsFile(content.tensors(), m));
    }

    private static byte[] renamed(SafetensorsFile content, String from, String to) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        content.tensors().forEach((k, v) -> tensors.put(k.replace(from, to), v));
        return Safetensors.encode(new SafetensorsFile(tensors, content.metadata()));
    }

    private static float[] set(float[] values, int i, float v) {
        float[] copy = values.clone();
        copy[i] = v;
        return copy;
    }

    private static byte[] setByte(byte[] values, int i, byte v) {
        byte[] copy = values.clone();
        copy[i] = v;
        return copy;
    }

    private static String entry(String dtype, String shape, long begin, long end) {
        return "{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private static byte[] raw(String header, byte[] data) {
        return raw(header, data, false);
    }

    /** A file with the given header text; {@code latin1} encodes it so that non-ASCII becomes invalid UTF-8. */
    private static byte[] raw(String header, byte[] data, boolean latin1) {
        byte[] h = header.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }

    private static byte[] withHeaderLength(byte[] file, long length) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
