package org.barq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barq.api.InvalidInputException;
import org.barq.api.checkpoint.AtomicFiles;

/**
 * {@code results.jsonl}: one JSON object per line, one line per finished variant. Appends are atomic with respect to
 * crashes: each line is written whole in one append under a lock and forced to disk before the next. A crash can
 * leave at most one partial last line (no newline), which {@link #load} ignores and {@link #openForAppend} cuts off
 * before appending.
 */
public final class ResultsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private ResultsFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens the file for appending, creating it when missing and cutting off a partial last line. The file stays
     * locked until {@link #close}, so that a second run in the same folder is refused rather than interleaved.
     *
     * @param file the results file
     * @return the open file; close it when done
     * @throws InvalidInputException when the file cannot be opened or another run holds it
     */
    public static ResultsFile openForAppend(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            if (!locked(channel)) {
                channel.close();
                throw new InvalidInputException("another barq run is appending to " + file + ". Maybe wait for it to"
                        + " finish, or use another --out?");
            }
            long complete = completeLength(channel);
            if (complete < channel.size()) {
                channel.truncate(complete);
                channel.force(true);
            }
            channel.position(channel.size());
            return new ResultsFile(file, channel);
        } catch (IOException e) {
            throw new InvalidInputException("cannot open " + file + " for appending: " + e.getMessage()
                    + ". Maybe check that the folder is writable?", e);
        }
    }

    /**
     * Appends one line: the whole line in one write, then forced to disk, under this object's lock.
     *
     * @param json one JSON object without line breaks
     */
    public synchronized void append(String json) {
        if (json.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a results line must not contain a line break");
        }
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            // the lines before stay whole (each is written and forced on its own), so the run resumes after a fix
            throw new InvalidInputException("cannot append to " + file + ": " + e.getMessage() + ". Maybe the disk is"
                    + " full or the folder read-only (the run resumes from the lines written so far)?", e);
        }
    }

    /** Closes the file. */
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new InvalidInputException("cannot close " + file + ": " + e.getMessage() + ". Maybe the disk is"
                    + " full?", e);
        }
    }

    /**
     * Reads the complete lines, keyed by variant id in file order; a partial last line is ignored, and so is a
     * repeated id (the first line wins).
     *
     * @param file the results file; a missing file has no lines
     * @return the lines by id
     * @throws InvalidInputException naming the line when a complete line is not a JSON object with an {@code id}
     */
    public static Map<String, JsonNode> load(Path file) {
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return lines;
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage() + ".", e);
        }
        List<String> complete = completeLines(all);
        for (int i = 0; i < complete.size(); i++) {
            String line = complete.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new InvalidInputException(file + " line " + (i + 1) + " is not JSON: " + e.getMessage()
                        .lines().findFirst().orElse("") + ". Maybe the file was edited by hand?", e);
            }
            if (node == null || !node.isObject() || !node.path("id").isTextual()) {
                throw new InvalidInputException(file + " line " + (i + 1) + " is not a results line (no \"id\")."
                        + " Maybe another file?");
            }
            lines.putIfAbsent(node.get("id").asText(), node);
        }
        return lines;
    }

    /**
     * Puts the lines in the study's order of variants, each line's bytes unchanged, so that two runs of a config
     * list their variants alike whatever order the workers finished them in; lines of no listed id keep their order
     * after the others. Written whole to a temporary file and renamed.
     *
     * @param file the results file, every line complete (no run appending to it)
     * @param ids  the variant ids in the study's order
     */
    public static void orderBy(Path file, List<String> ids) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            rank.putIfAbsent(ids.get(i), i);
        }
        List<String> lines;
        try {
            lines = completeLines(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage() + ".", e);
        }
        List<String> ordered = new ArrayList<>(lines.stream().filter(l -> !l.isBlank()).toList());
        // a stable sort: repeated or unknown ids keep their file order
        ordered.sort(Comparator.comparingInt(l -> rank.getOrDefault(idOf(l), Integer.MAX_VALUE)));
        StringBuilder text = new StringBuilder();
        ordered.forEach(l -> text.append(l).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String idOf(String line) {
        try {
            return JSON.readTree(line).path("id").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> completeLines(byte[] all) {
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        List<String> lines = new ArrayList<>();
        String text = new String(all, 0, end, StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
            lines.add(line);
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException sameProcess) {
            return false;
        }
    }

    /** @return the length of the file up to and including its last newline */
    private static long completeLength(FileChannel channel) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1 << 13);
        for (long end = channel.size(); end > 0; ) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            int filled = 0;
            while (block.hasRemaining()) {
                int read = channel.read(block, start + filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
            for (int i = (int) (end - start) - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
