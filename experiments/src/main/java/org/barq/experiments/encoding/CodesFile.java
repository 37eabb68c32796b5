package org.barq.experiments.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * What a device sends: the input quantizer's codes of {@code n} samples, {@code b_f} bits per feature, packed.
 *
 * <p>Layout: the 8 ASCII bytes {@code BARQCODE}; a little-endian int {@code H}; {@code H} bytes of UTF-8 JSON (the
 * header: {@code model_sha256}, the SHA-256 of the checkpoint whose quantizer made the codes; {@code quantizer};
 * {@code features} F; {@code samples} n; {@code bits}, a list of bits per feature; {@code dataset},
 * {@code dataset_sha256} and {@code split}, where the samples came from, so that the server side can find their
 * labels); then the codes as one bit stream, sample after sample, feature after feature, each code's {@code b_f}
 * bits least significant first, bit {@code k} of the stream in byte {@code k / 8} at bit {@code k % 8}, the last
 * byte padded with zero bits.
 *
 * @param header the header fields
 * @param codes  {@code [n][F]} codes
 */
public record CodesFile(Header header, int[][] codes) {
    private static final byte[] MAGIC = "BARQCODE".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param modelSha256   SHA-256 of the checkpoint whose quantizer made the codes
     * @param quantizer     its name
     * @param bits          bits per feature
     * @param samples       n
     * @param dataset       the data set spec the samples came from
     * @param datasetSha256 that data set's checksum
     * @param split         its split
     */
    public record Header(String modelSha256, String quantizer, int[] bits, int samples, String dataset,
                         String datasetSha256, String split) {
        /** @return {@code F} */
        public int features() {
            return bits.length;
        }

        /** @return bits of one sample's codes */
        public long sampleBits() {
            long sum = 0;
            for (int b : bits) {
                sum += b;
            }
            return sum;
        }

        /** @return bytes of the packed codes */
        public long payloadBytes() {
            return (sampleBits() * samples + 7) / 8;
        }
    }

    /** Checks the codes against the header. */
    public CodesFile {
        if (codes.length != header.samples()) {
            throw new IllegalArgumentException(codes.length + " samples for a header of " + header.samples());
        }
        for (int[] row : codes) {
            for (int j = 0; j < row.length; j++) {
                if (row.length != header.features() || row[j] < 0 || row[j] >= 1 << header.bits()[j]) {
                    throw new IllegalArgumentException("a code does not fit the header's bits");
                }
            }
        }
    }

    /** @return the file's bytes */
    public byte[] toBytes() {
        ObjectNode h = JSON.createObjectNode();
        h.put("model_sha256", header.modelSha256());
        h.put("quantizer", header.quantizer());
        h.put("features", header.features());
        h.put("samples", header.samples());
        h.set("bits", JSON.valueToTree(header.bits()));
        h.put("dataset", header.dataset());
        h.put("dataset_sha256", header.datasetSha256());
        h.put("split", header.split());
        byte[] json = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + json.length + (int) header.payloadBytes())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(json.length).put(json);
        int base = out.position();
        long bit = 0;
        byte[] data = out.array();
        for (int[] row : codes) {
            for (int j = 0; j < row.length; j++) {
                for (int k = 0; k < header.bits()[j]; k++, bit++) {
                    if ((row[j] >> k & 1) != 0) {
                        data[base + (int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                    }
                }
            }
        }
        return data;
    }

    /** Writes the file atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    /**
     * @param file a file {@link #write} made
     * @return its header and codes
     * @throws InvalidInputException (one line) when it is missing, not a codes file, or cut short
     */
    public static CodesFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("codes file " + file + " does not exist. Maybe the --out of barq encode?",
                    e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read codes file " + file + ": " + e
                    + ". Maybe check its permissions?", e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4
                || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw bad(file, "does not start with BARQCODE", "a file barq encode wrote");
        }
        in.position(MAGIC.length);
        int length = in.getInt();
        if (length < 2 || length > bytes.length - in.position()) {
            throw bad(file, "has a header length " + length + " beyond its " + bytes.length + " bytes",
                    "the file was cut short");
        }
        JsonNode h;
        try {
            h = JSON.readTree(new String(bytes, in.position(), length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw bad(file, "has a header that is not JSON", "the file was edited");
        }
        int base = in.position() + length;
        JsonNode bitsNode = h.path("bits");
        int features = h.path("features").asInt(-1);
        int samples = h.path("samples").asInt(-1);
        if (!bitsNode.isArray() || bitsNode.size() != features || samples < 0) {
            throw bad(file, "has a header with features " + features + ", samples " + samples + " and "
                    + bitsNode.size() + " bit widths", "the file was edited");
        }
        int[] bits = new int[features];
        for (int j = 0; j < features; j++) {
            bits[j] = bitsNode.get(j).asInt();
            if (bits[j] < 1 || bits[j] > 8) {
                throw bad(file, "gives feature " + j + " " + bits[j] + " bits, outside 1..8", "the file was edited");
            }
        }
        Header header = new Header(h.path("model_sha256").asText(), h.path("quantizer").asText(), bits, samples,
                h.path("dataset").asText(), h.path("dataset_sha256").asText(), h.path("split").asText());
        if (bytes.length - base != header.payloadBytes()) {
            throw bad(file, "holds " + (bytes.length - base) + " bytes of codes but its header needs "
                    + header.payloadBytes(), bytes.length - base < header.payloadBytes() ? "the file was cut short"
                    : "something was appended to the file");
        }
        int[][] codes = new int[samples][features];
        long bit = 0;
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < features; j++) {
                int c = 0;
                for (int k = 0; k < bits[j]; k++, bit++) {
                    c |= (bytes[base + (int) (bit >>> 3)] >> (bit & 7) & 1) << k;
                }
                codes[i][j] = c;
            }
        }
        return new CodesFile(header, codes);
    }

    private static InvalidInputException bad(Path file, String problem, String hint) {
        return new InvalidInputException("codes file " + file + " " + problem + ". Maybe " + hint + "?");
    }
}
