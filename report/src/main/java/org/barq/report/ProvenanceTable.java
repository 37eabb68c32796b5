package org.barq.report;

import static org.barq.report.JsonValues.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report's header: what the run was (config name, checksums, version, commit, Java, OS, seeds). A rounding study's
 * reads {@code provenance.json}, falling back on the provenance recorded in the first results line and on the seeds
 * seen in the results; a features or input-bits study's is given, with the same keys where they mean the same.
 */
final class ProvenanceTable {
    /** The rows every provenance shows first, by key, with their labels; any other scalar follows under its key. */
    private static final Map<String, String> ITEMS = items();
    private static final String CONFIG_NAME = "config_name";
    /** Keys read for the config's name, the first row, and so not shown under their own. */
    private static final Set<String> NAMES = Set.of(CONFIG_NAME, ReportKeys.CONFIG);

    private ProvenanceTable() {
    }

    /**
     * @param inputs the run's files
     * @return the config's name: from the provenance, else the resolved config's {@code name}, else the folder name
     */
    static String configName(RunInputs inputs) {
        JsonNode provenance = inputs.provenance();
        String name = JsonValues.text(provenance, CONFIG_NAME);
        if (name == null) {
            name = JsonValues.text(provenance, ReportKeys.CONFIG, ReportKeys.CONFIG_NAME);
        }
        if (name == null) {
            name = fileName(JsonValues.text(provenance, ReportKeys.CONFIG_PATH));
        }
        if (name == null && at(provenance, ReportKeys.CONFIG).isTextual()) {
            name = fileName(at(provenance, ReportKeys.CONFIG).asText());
        }
        if (name == null) {
            name = JsonValues.text(inputs.resolvedConfig(), ReportKeys.CONFIG_NAME);
        }
        if (name == null) {
            Path folder = inputs.outDir().toAbsolutePath().getFileName();
            name = folder == null ? "run" : folder.toString();
        }
        return name;
    }

    private static String fileName(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path file = Path.of(path).getFileName();
        return file == null ? path : file.toString();
    }

    private static Map<String, String> items() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put(ReportKeys.CONFIG_PATH, "config file");
        items.put(ReportKeys.CONFIG_SHA256, "config SHA-256");
        items.put(ReportKeys.DATASET_SHA256, "data set SHA-256");
        items.put(ReportKeys.MODEL_SHA256, "model SHA-256");
        items.put(ReportKeys.VERSION, "barq version");
        items.put(ReportKeys.COMMIT, "git commit");
        items.put(ReportKeys.JAVA, "Java");
        items.put(ReportKeys.OS, "OS");
        items.put(ReportKeys.SEEDS, "seeds");
        return items;
    }

    /**
     * A rounding study's provenance: a run always records every item, so one that neither source has reads "n/a",
     * the sign of a damaged or older run folder.
     *
     * @return the provenance as rows of item and value
     */
    static Table table(RunInputs inputs) {
        JsonNode provenance = inputs.provenance();
        JsonNode line = inputs.lineProvenance();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("config", configName(inputs)));
        ITEMS.forEach((key, label) -> {
            List<String> lines = JsonValues.displayLines(at(provenance, key));
            if (lines.isEmpty()) {
                lines = JsonValues.displayLines(at(line, key));
            }
            if (lines.isEmpty() && key.equals(ReportKeys.SEEDS) && !inputs.results().isEmpty()) {
                lines = List.of(inputs.results().seeds().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")));
            }
            rows.add(List.of(label, lines.isEmpty() ? Numbers.NOT_AVAILABLE : String.join("; ", lines)));
        });
        rows.addAll(others(provenance));
        return table(rows);
    }

    /**
     * A features or input-bits study's provenance, which has no single model (it trains its own) nor data set: the
     * items it records, e.g. each data set's SHA-256 under {@code dataset_sha256} as an object by data set.
     *
     * @param provenance keys as a rounding study's {@code provenance.json}
     * @return the provenance as rows of item and value
     */
    static Table table(JsonNode provenance) {
        List<List<String>> rows = new ArrayList<>();
        String name = JsonValues.text(provenance, CONFIG_NAME);
        if (name != null) {
            rows.add(List.of("config", name));
        }
        ITEMS.forEach((key, label) -> {
            List<String> lines = JsonValues.displayLines(at(provenance, key));
            if (!lines.isEmpty()) {
                rows.add(List.of(label, String.join("; ", lines)));
            }
        });
        rows.addAll(others(provenance));
        return table(rows);
    }

    /** @return the scalars of the provenance that no item shows, under their keys */
    private static List<List<String>> others(JsonNode provenance) {
        List<List<String>> rows = new ArrayList<>();
        if (provenance.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = provenance.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!ITEMS.containsKey(field.getKey()) && !NAMES.contains(field.getKey())
                        && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    rows.add(List.of(field.getKey(), field.getValue().asText()));
                }
            }
        }
        return rows;
    }

    private static Table table(List<List<String>> rows) {
        return new Table(SectionTitles.PROVENANCE, List.of("item", "value"), rows);
    }
}
