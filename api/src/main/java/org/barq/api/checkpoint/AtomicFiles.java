package org.barq.api.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
        requireFileTarget(target);
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
                    + " writable and the disk is not full?", e);
        } finally {
            if (!moved && tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Refuses a file target that is an existing folder, which the final rename could not replace; a command calls it
     * before its work, {@link #write} again before writing.
     *
     * @param target the file to be written
     * @throws InvalidInputException naming the folder
     */
    public static void requireFileTarget(Path target) {
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(target + " is a folder, and barq writes a file there. Maybe a file name"
                    + " inside it (" + target.resolve("NAME") + ")?");
        }
        // the folders are made when the file is written; one of them being a file would fail only then
        for (Path up = target.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                if (!Files.isDirectory(up)) {
                    throw new InvalidInputException(target + " cannot be written: " + up + " is a file, not a"
                            + " folder. Maybe another path?");
                }
                return;
            }
        }
    }

    /**
     * Writes a folder of files as one step: the files go to a temporary sibling folder, each forced to disk, which
     * is then renamed to {@code target}. An earlier folder of the same files is replaced (moved aside, then
     * deleted); anything else at {@code target} is refused rather than overwritten.
     *
     * @param target the folder to create or replace
     * @param files  file names (no folders) and their complete contents
     * @return {@code target}
     * @throws InvalidInputException if {@code target} holds something else, or a file cannot be written
     */
    public static Path writeFolder(Path target, SortedMap<String, byte[]> files) {
        Path folder = target.toAbsolutePath();
        Path dir = folder.getParent();
        requireReplaceable(folder, files.keySet());
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemporaryFolder(dir, folder.getFileName().toString());
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = tmp.resolve(file.getKey());
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    // one write call need not take the whole buffer
                    ByteBuffer bytes = ByteBuffer.wrap(file.getValue());
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(true);
                }
            }
            if (Files.exists(folder)) {
                old = createTemporaryFolder(dir, folder.getFileName().toString());
                Files.delete(old);
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + folder + ": " + e + ". Maybe check that the folder is"
                    + " writable and the disk is not full?", e);
        } finally {
            deleteTreeQuietly(tmp);
            deleteTreeQuietly(old);
        }
    }

    private static void requireReplaceable(Path folder, Set<String> names) {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder + " is a file; the export is a folder. Maybe another --out?");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> others = entries.map(p -> p.getFileName().toString()).filter(n -> !names.contains(n))
                    .sorted().toList();
            if (!others.isEmpty()) {
                throw new InvalidInputException(folder + " exists and holds " + others + ", which an export would"
                        + " delete. Maybe another --out, or remove the folder first?");
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + folder + ": " + e + ".", e);
        }
    }

    private static Path createTemporaryFolder(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
                    + ".tmp");
            try {
                return Files.createDirectory(tmp);
            } catch (FileAlreadyExistsException stale) {
                // A leftover of a crashed process with the same pid: take the next name.
            }
        }
    }

    private static void deleteTreeQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            // As below: the failure being reported matters more than a stray hidden folder.
        }
        deleteQuietly(folder);
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
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // The original failure is the one to report; a stray hidden .tmp file is harmless.
        }
    }
}
