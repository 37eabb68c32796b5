package org.barq.api.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.barq.api.InvalidInputException;

/**
 * Replaces a file atomically: the content goes to a temporary file in the same folder, is forced to disk, and is
 * then renamed over the target in one step. Readers see either the old file or the complete new one, and a crash or
 * a failure while writing never leaves a half-written target; on failure the temporary file is deleted.
 */
public final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream; the stream is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where the bytes go
         * @throws IOException when writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param target the file to create or replace; its folder is created if missing
     * @param bytes  the complete new content
     * @return {@code target}
     * @throws InvalidInputException if the file cannot be written (permissions, a folder in the way, a full disk)
     */
    public static Path write(Path target, byte[] bytes) {
        return write(target, out -> out.write(bytes));
    }

    /**
     * @param target  the file to create or replace; its folder is created if missing
     * @param content writes the complete new content; if it throws, the target is untouched and the exception
     *                propagates (an {@link IOException} wrapped as below)
     * @return {@code target}
     * @throws InvalidInputException if the file cannot be written (permissions, a folder in the way, a full disk)
     */
    public static Path write(Path target, Content content) {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Path tmp = null;
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            tmp = createTemporary(dir, file.getFileName().toString());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return target;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e + ". Maybe check that the folder is"
                    + " writable, the disk is not full and no folder has that name?", e);
        } finally {
            if (!moved && tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** Creates an empty, not yet existing sibling with default permissions (unlike {@code createTempFile}'s 0600). */
    private static Path createTemporary(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
                    + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException stale) {
                // A leftover of a crashed process with the same pid: take the next name.
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // The original failure is the one to report; a stray hidden .tmp file is harmless.
        }
    }
}
