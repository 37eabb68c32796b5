package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void everyDtypeRoundTripsInFileOrder() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.f64", new Tensor("F64", new long[] {2}, bytes(16)));
        tensors.put("a.f16", new Tensor("F16", new long[] {3}, bytes(6)));
        tensors.put("m.bf16", new Tensor("BF16", new long[] {1, 1}, bytes(2)));
        tensors.put("i32", new Tensor("I32", new long[] {2, 1}, bytes(8)));
        tensors.put("i64", new Tensor("I64", new long[] {1}, bytes(8)));
        tensors.put("u8", new Tensor("U8", new long[] {5}, bytes(5)));
        tensors.put("empty", new Tensor("F32", new long[] {0, 4}, new byte[0]));
        tensors.put("scalar", new Tensor("I8", new long[] {}, bytes(1)));
        SafetensorsFile content = new SafetensorsFile(tensors, new TreeMap<>(Map.of("b", "2", "a", "1")));
        Path file = dir.resolve("all.safetensors");
        Safetensors.write(file, content);
        SafetensorsFile read = Safetensors.read(file);
        assertEquals(content, read);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        assertEquals(List.of("a", "b"), List.copyOf(read.metadata().keySet()));
    }

    @Test
    void headerIsCompactMetadataFirstAndPaddedToEightBytes() {
        SafetensorsFile content = new SafetensorsFile(Map.of("w", Tensor.f32(new long[] {2}, new float[] {1f, -2f})),
                new TreeMap<>(Map.of("format", "pt")));
        byte[] bytes = Safetensors.encode(content);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8]}}", header.stripTrailing());
        assertEquals(8 + n + 8, bytes.length);
        assertArrayEquals(new float[] {1f, -2f}, Safetensors.decode(bytes, "mem").tensor("w").floats());
    }

    @Test
    void emptyMetadataIsOmittedAndReadsBackEmpty() {
        SafetensorsFile content = new SafetensorsFile(Map.of("w", Tensor.i8(new long[] {1}, new byte[] {-3})),
                new TreeMap<>());
        byte[] bytes = Safetensors.encode(content);
        assertTrue(!new String(bytes, StandardCharsets.UTF_8).contains("__metadata__"));
        assertEquals(content, Safetensors.decode(bytes, "mem"));
    }

    @Test
    void tensorRejectsWrongByteCountAndUnknownDtype() {
        assertThrows(InvalidInputException.class, () -> new Tensor("F32", new long[] {2}, new byte[4]));
        assertThrows(InvalidInputException.class, () -> new Tensor("F128", new long[] {1}, new byte[16]));
        assertThrows(InvalidInputException.class, () -> new Tensor("U8", new long[] {-1}, new byte[0]));
        assertThrows(InvalidInputException.class, () -> Tensor.i8(new long[] {1}, new byte[1]).floats());
    }

    @Test
    void reservedOrEmptyTensorNamesAreRejected() {
        Tensor t = Tensor.i8(new long[] {1}, new byte[1]);
        assertThrows(InvalidInputException.class, () -> new SafetensorsFile(Map.of("__metadata__", t), new TreeMap<>()));
        assertThrows(InvalidInputException.class, () -> new SafetensorsFile(Map.of("", t), new TreeMap<>()));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (17 * i + 3);
        }
        return b;
    }
}
