package org.barq.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the report reads from a run's output folder. Each file is optional: a missing file gives an empty
 * part, and an unreadable one also a note for the reader, so that the report shows what exists.
 *
 * @param outDir         the output folder
 * @param results        the variants of {@code results.jsonl} (empty when absent)
 * @param resultsFound   whether {@code results.jsonl} exists
 * @param provenance     {@code provenance.json} (a missing node when absent)
 * @param lineProvenance the {@code provenance} object of the first results line (a missing node when absent)
 * @param stopping       the stopping reports
 * @param stoppingFound  whether {@code stopping.json} exists
 * @param transitions    the interpolation reports
 * @param resolvedConfigText {@code config.resolved.yaml} verbatim, or null
 * @param resolvedConfig the same parsed (a missing node when absent or unreadable)
 * @param slicesFound    whether {@code plots/slices.json} exists
 * @param slicePictures  the pictures it lists, in rows ({@link PictureRows#slices})
 * @param interpolationPictures the interpolation's pictures, in rows ({@link PictureRows#interpolation})
 * @param notes          what could not be read, for the reader
 */
record RunInputs(Path outDir, Results results, boolean resultsFound, JsonNode provenance, JsonNode lineProvenance,
                 List<StoppingRun> stopping, boolean stoppingFound, List<Transition> transitions,
                 String resolvedConfigText, JsonNode resolvedConfig, boolean slicesFound,
                 List<List<Picture>> slicePictures, List<List<Picture>> interpolationPictures, List<String> notes) {

    /** Copies the lists. */
    RunInputs {
        stopping = List.copyOf(stopping);
        transitions = List.copyOf(transitions);
        slicePictures = List.copyOf(slicePictures);
        interpolationPictures = List.copyOf(interpolationPictures);
        notes = List.copyOf(notes);
    }

    /**
     * @param outDir a run's output folder
     * @return what it holds; never fails on a missing or malformed input file
     */
    static RunInputs read(Path outDir) {
        List<String> notes = new ArrayList<>();
        Path resultsFile = outDir.resolve(ReportKeys.RESULTS_FILE);
        List<Variant> variants = new ArrayList<>();
        int skipped = 0;
        JsonNode lineProvenance = MissingNode.getInstance();
        if (Files.isRegularFile(resultsFile)) {
            try (BufferedReader reader = Files.newBufferedReader(resultsFile, StandardCharsets.UTF_8)) {
                String text;
                while ((text = reader.readLine()) != null) {
                    if (text.isBlank()) {
                        continue;
                    }
                    Optional<JsonNode> line = parse(text);
                    Optional<Variant> variant = line.flatMap(VariantReader::read);
                    if (variant.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    if (lineProvenance.isMissingNode()) {
                        lineProvenance = JsonValues.at(line.get(), ReportKeys.PROVENANCE);
                    }
                    variants.add(variant.get());
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                notes.add("could not read all of " + ReportKeys.RESULTS_FILE + ": " + e.getMessage());
            }
            if (skipped > 0) {
                notes.add(skipped + " line(s) of " + ReportKeys.RESULTS_FILE + " were unreadable or lacked bits or"
                        + " solver, and are left out");
            }
        }
        Path stoppingFile = outDir.resolve(ReportKeys.STOPPING_FILE);
        JsonNode stopping = readJson(stoppingFile, notes);
        List<Transition> transitions = Transition.read(readJson(outDir.resolve(ReportKeys.INTERPOLATION_FILE), notes));
        String configText = readText(outDir.resolve(ReportKeys.RESOLVED_CONFIG_FILE), notes);
        Results results = new Results(variants);
        Path slicesFile = outDir.resolve(ReportKeys.SLICES_FILE);
        PictureLoader pictures = new PictureLoader(outDir, notes);
        return new RunInputs(outDir, results, Files.isRegularFile(resultsFile),
                readJson(outDir.resolve(ReportKeys.PROVENANCE_FILE), notes), lineProvenance,
                StoppingRun.read(stopping), Files.isRegularFile(stoppingFile), transitions,
                configText, parseYaml(configText), Files.isRegularFile(slicesFile),
                PictureRows.slices(readJson(slicesFile, notes), results, pictures),
                PictureRows.interpolation(transitions, pictures), notes);
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(JsonValues.MAPPER.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readJson(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JsonValues.MAPPER.readTree(file.toFile());
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            notes.add("could not read " + file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            return MissingNode.getInstance();
        }
    }

    private static String readText(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            notes.add("could not read " + file.getFileName() + ": " + e.getMessage());
            return null;
        }
    }

    private static JsonNode parseYaml(String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(text);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
