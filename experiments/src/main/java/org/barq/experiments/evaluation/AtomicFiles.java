package org.barq.experiments.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one: the bytes go to a temporary file
 * in the same folder, which is then renamed over the target with {@code ATOMIC_MOVE}.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        /** @param out where to write; closed by the caller */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param target  the file to create or replace; its folder is created when missing
     * @param content writes the bytes
     * @return {@code target}
     * @throws UncheckedIOException if writing or the rename fails; the temporary file is then removed
     */
    public static Path write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // One temporary name per process and thread: no two live writers share it, so a file already there is
            // the leftover of a crashed run and may be overwritten. Created like any file, it gets the umask's
            // permissions (Files.createTempFile would make it owner-only).
            temp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Thread.currentThread().getId() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the write already failed; that failure is the one to report
        }
    }
}
