package org.barq.report;

import static org.barq.report.JsonValues.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report's header: what the run was (config name, checksums, version, commit, Java, OS, seeds). Reads
 * {@code provenance.json}, falling back on the provenance recorded in the first results line and on the seeds seen
 * in the results.
 */
final class ProvenanceTable {
    private static final Set<String> SHOWN = Set.of(ReportKeys.CONFIG, ReportKeys.CONFIG_PATH,
            ReportKeys.CONFIG_SHA256, ReportKeys.DATASET_SHA256, ReportKeys.MODEL_SHA256, ReportKeys.VERSION,
            ReportKeys.COMMIT, ReportKeys.JAVA, ReportKeys.OS, ReportKeys.SEEDS);

    private ProvenanceTable() {
    }

    /**
     * @param inputs the run's files
     * @return the config's name: from the provenance, else the resolved config's {@code name}, else the folder name
     */
    static String configName(RunInputs inputs) {
        JsonNode provenance = inputs.provenance();
        String name = JsonValues.text(provenance, "config_name");
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

    /** @return the provenance as rows of item and value; "n/a" where neither source has it */
    static Table table(RunInputs inputs) {
        JsonNode provenance = inputs.provenance();
        JsonNode line = inputs.lineProvenance();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("config", configName(inputs)));
        rows.add(row("config file", provenance, line, ReportKeys.CONFIG_PATH));
        rows.add(row("config SHA-256", provenance, line, ReportKeys.CONFIG_SHA256));
        rows.add(row("data set SHA-256", provenance, line, ReportKeys.DATASET_SHA256));
        rows.add(row("model SHA-256", provenance, line, ReportKeys.MODEL_SHA256));
        rows.add(row("barq version", provenance, line, ReportKeys.VERSION));
        rows.add(row("git commit", provenance, line, ReportKeys.COMMIT));
        rows.add(row("Java", provenance, line, ReportKeys.JAVA));
        rows.add(row("OS", provenance, line, ReportKeys.OS));
        List<String> seeds = JsonValues.displayLines(at(provenance, ReportKeys.SEEDS));
        if (seeds.isEmpty() && !inputs.results().isEmpty()) {
            seeds = List.of(inputs.results().seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        rows.add(List.of("seeds", seeds.isEmpty() ? Numbers.NOT_AVAILABLE : String.join("; ", seeds)));
        if (provenance.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = provenance.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!SHOWN.contains(field.getKey()) && !field.getKey().equals("config_name")
                        && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    rows.add(List.of(field.getKey(), field.getValue().asText()));
                }
            }
        }
        return new Table("Provenance", List.of("item", "value"), rows);
    }

    private static List<String> row(String label, JsonNode provenance, JsonNode line, String key) {
        List<String> lines = JsonValues.displayLines(at(provenance, key));
        if (lines.isEmpty()) {
            lines = JsonValues.displayLines(at(line, key));
        }
        return List.of(label, lines.isEmpty() ? Numbers.NOT_AVAILABLE : String.join("; ", lines));
    }
}
