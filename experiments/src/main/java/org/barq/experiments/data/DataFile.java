package org.barq.experiments.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.barq.api.Sha256;
import org.barq.api.InvalidInputException;

/**
 * The bytes of one data file, decompressed when it is gzip (recognised by its magic bytes, not its name), with the
 * SHA-256 of the bytes as stored, so the checksum matches {@code sha256sum} and {@code SHA256SUMS}.
 *
 * @param source  where it came from, for messages
 * @param content the (decompressed) content
 * @param sha256  SHA-256 of the stored bytes, lowercase hex
 */
record DataFile(String source, byte[] content, String sha256) {

    /**
     * @param path a file
     * @return its content and checksum
     * @throws InvalidInputException if it is missing, unreadable or a damaged gzip file
     */
    static DataFile read(Path path) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("data file " + path.toAbsolutePath() + " does not exist. Maybe check the"
                    + " path?", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read data file " + path.toAbsolutePath() + ": " + e
                    + ". Maybe check its permissions?", e);
        }
        return of(path.toString(), stored);
    }

    /**
     * @param source a name for messages
     * @param in     the stored bytes; read to the end, not closed
     * @return its content and checksum
     * @throws InvalidInputException if it cannot be read or is a damaged gzip file
     */
    static DataFile read(String source, InputStream in) {
        try {
            return of(source, in.readAllBytes());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + source + ": " + e + ". Maybe check that it is a readable"
                    + " file?", e);
        }
    }

    private static DataFile of(String source, byte[] stored) {
        boolean gzip = stored.length >= 2 && (stored[0] & 0xff) == 0x1f && (stored[1] & 0xff) == 0x8b;
        byte[] content = stored;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                content = in.readAllBytes();
            } catch (EOFException | ZipException e) {
                throw new InvalidInputException(source + " is a damaged or truncated gzip file (" + e.getMessage()
                        + "). Maybe download or copy it again?", e);
            } catch (IOException e) {
                throw new InvalidInputException("cannot decompress " + source + ": " + e + ". Maybe download or copy"
                        + " it again?", e);
            }
        }
        return new DataFile(source, content, sha256(stored));
    }

    /** @return SHA-256 of {@code bytes}, lowercase hex */
    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    /**
     * The checksum of a data set read from several files: SHA-256 of the concatenated lowercase hex SHA-256 of each
     * file, in the order given (so {@code printf %s "$h1$h2..." | sha256sum} reproduces it).
     *
     * @param files the files, in a fixed order
     * @return the combined checksum
     */
    static String combined(List<DataFile> files) {
        StringBuilder all = new StringBuilder();
        for (DataFile f : files) {
            all.append(f.sha256);
        }
        return sha256(all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
