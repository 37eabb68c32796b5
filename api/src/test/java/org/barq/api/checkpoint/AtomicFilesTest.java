package org.barq.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.barq.api.InvalidInputException;
import org.barq.api.model.InputScaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void successfulWriteReplacesTheFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "old");
        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void writeThatFailsMidwayKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Checkpoints.writeFloat(target, CheckpointsTest.randomMlp(1, InputScaling.uniform(1), 4, 3), new TreeMap<>());
        byte[] before = Files.readAllBytes(target);
        IOException thrown = new IOException("disk full (simulated)");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw thrown;
        }));
        assertTrue(e.getMessage().contains("disk full (simulated)") && e.getMessage().contains(target.toString()),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir));

        IllegalStateException bug = new IllegalStateException("serialiser bug (simulated)");
        assertEquals(bug, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw bug;
        })));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void aFolderInTheWayIsNamedAndKept() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "keep me");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoints.writeFloat(target,
                CheckpointsTest.randomMlp(1, InputScaling.uniform(1), 2, 2), new TreeMap<>()));
        assertEquals(target + " is a folder, and barq writes a file there. Maybe a file name inside it ("
                + target.resolve("NAME") + ")?", e.getMessage());
        assertEquals(List.of(target), listing(dir));
        assertEquals("keep me", Files.readString(target.resolve("inside.txt")));
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamedBeforeAnythingIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("model.safetensors"), "a file");
        Path target = file.resolve("sub/out.bin");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFiles.requireFileTarget(
                target));
        assertEquals(target + " cannot be written: " + file.toAbsolutePath() + " is a file, not a folder. Maybe another"
                + " path?", e.getMessage());
        assertEquals("a file", Files.readString(file));
    }

    @Test
    void missingFoldersAreCreated() throws IOException {
        Path target = dir.resolve("a/b/c.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }
}
