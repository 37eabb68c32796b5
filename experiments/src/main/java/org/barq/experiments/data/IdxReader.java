package org.barq.experiments.data;

import java.nio.ByteBuffer;
import org.barq.api.InvalidInputException;

/**
 * Reads the IDX format of MNIST: a big-endian int32 magic number ({@code 0x00000803} for unsigned-byte images
 * {@code [n, rows, columns]}, {@code 0x00000801} for unsigned-byte labels {@code [n]}), the int32 dimensions, then
 * the bytes. The file must hold exactly the bytes its header promises.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Images, kept as the file's bytes with the offset of the first pixel, so that 47 MB are not copied twice.
     *
     * @param count   number of images
     * @param rows    pixel rows per image
     * @param columns pixel columns per image
     * @param content the file content
     * @param offset  index of the first pixel in {@code content}
     */
    record Images(int count, int rows, int columns, byte[] content, int offset) {
        /** @return pixels per image */
        int pixels() {
            return rows * columns;
        }
    }

    /**
     * @param file an IDX image file
     * @return its dimensions and pixels
     * @throws InvalidInputException on a wrong magic number, bad dimensions or a truncated file
     */
    static Images images(DataFile file) {
        int[] dims = header(file, IMAGES_MAGIC, "images", LABELS_MAGIC);
        if ((long) dims[1] * dims[2] > Integer.MAX_VALUE / 4) {
            throw new InvalidInputException(file.source() + ": images of " + dims[1] + " x " + dims[2]
                    + " pixels are too large for barq. Maybe the header is damaged?");
        }
        return new Images(dims[0], dims[1], dims[2], file.content(), 16);
    }

    /**
     * @param file an IDX label file
     * @return the labels, 0..255
     * @throws InvalidInputException on a wrong magic number or a truncated file
     */
    static int[] labels(DataFile file) {
        int[] dims = header(file, LABELS_MAGIC, "labels", IMAGES_MAGIC);
        int[] labels = new int[dims[0]];
        byte[] b = file.content();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = b[8 + i] & 0xff;
        }
        return labels;
    }

    /** @return the dimensions after validating magic, sizes and file length */
    private static int[] header(DataFile file, int magic, String what, int otherMagic) {
        byte[] b = file.content();
        String source = file.source();
        if (b.length < 4) {
            throw new InvalidInputException(source + " has only " + b.length + " bytes, no IDX header. Maybe it is"
                    + " truncated; copy it again?");
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int found = buf.getInt(0);
        if (found != magic) {
            throw new InvalidInputException(String.format("%s: magic number 0x%08x is not that of IDX %s (0x%08x)."
                    + " Maybe %s", source, found, what, magic, found == otherMagic
                    ? "the images and labels files are swapped?" : "it is not an unsigned-byte IDX file?"));
        }
        int rank = magic & 0xff;
        int headerBytes = 4 + 4 * rank;
        if (b.length < headerBytes) {
            throw new InvalidInputException(source + " is truncated: " + b.length + " bytes, shorter than its "
                    + headerBytes + "-byte IDX header. Maybe copy it again?");
        }
        int[] dims = new int[rank];
        long payload = 1;
        for (int k = 0; k < rank; k++) {
            dims[k] = buf.getInt(4 + 4 * k);
            if (dims[k] < (k == 0 ? 0 : 1)) {
                throw new InvalidInputException(source + ": IDX dimension " + k + " is " + dims[k]
                        + ". Maybe the file is damaged?");
            }
            payload *= dims[k];
        }
        long expected = headerBytes + payload;
        if (b.length != expected) {
            throw new InvalidInputException(source + (b.length < expected ? " is truncated" : " has extra bytes")
                    + ": its header promises " + describe(dims, what) + " (" + expected + " bytes) but it holds "
                    + b.length + " bytes. Maybe copy it again?");
        }
        return dims;
    }

    private static String describe(int[] dims, String what) {
        return dims.length == 3 ? dims[0] + " " + what + " of " + dims[1] + " x " + dims[2] : dims[0] + " " + what;
    }
}
