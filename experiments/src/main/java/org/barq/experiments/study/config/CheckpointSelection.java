package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which rounded checkpoints a study keeps: {@code none}, {@code all}, {@code best} (per bit width, the variant with
 * the highest calibration accuracy, then the lowest calibration slice-boundary Jaccard, then the lowest index: a
 * choice that reads calibration data only), or a list of glob patterns over variant ids, where {@code *} matches
 * within one segment and {@code **} across segments (e.g. {@code b4/*}{@code /hinge/**}).
 *
 * @param mode     {@code none}, {@code all}, {@code best} or {@code patterns}
 * @param patterns the globs when {@code mode} is {@code patterns}, else empty
 */
public record CheckpointSelection(String mode, List<String> patterns) {
    /** Keep nothing. */
    public static final CheckpointSelection NONE = new CheckpointSelection("none", List.of());

    /** Copies the patterns. */
    public CheckpointSelection {
        patterns = List.copyOf(patterns);
    }

    /**
     * @param node a string ({@code none}, {@code all}, {@code best}) or a list of glob strings
     * @return the selection
     * @throws ConfigValueException for anything else
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CheckpointSelection of(JsonNode node) {
        if (node.isTextual() && List.of("none", "all", "best").contains(node.asText())) {
            return new CheckpointSelection(node.asText(), List.of());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> globs = new ArrayList<>();
            for (JsonNode p : node) {
                if (!p.isTextual() || p.asText().isBlank()) {
                    throw new ConfigValueException("keep_checkpoints", node, "a pattern list holds only variant-id"
                            + " globs. Maybe [\"b4/*/hinge/**\"]?");
                }
                globs.add(p.asText());
            }
            return new CheckpointSelection("patterns", globs);
        }
        throw new ConfigValueException("keep_checkpoints", node, "use none, all, best or a list of variant-id globs."
                + " Maybe best?");
    }

    /** @return what the config file holds: the mode's name, or the pattern list */
    @JsonValue
    public Object toYaml() {
        return mode.equals("patterns") ? patterns : mode;
    }

    /**
     * @param id a variant id
     * @return true when the variant's checkpoint is written as soon as it is rounded ({@code all} or a matching
     *         pattern); {@code best} is decided after all variants
     */
    public boolean keepsAtOnce(String id) {
        return switch (mode) {
            case "all" -> true;
            case "patterns" -> patterns.stream().anyMatch(p -> glob(p).matcher(id).matches());
            default -> false;
        };
    }

    /**
     * @param ids the study's variant ids
     * @return the patterns that match none of them, in the config's order (a pattern that keeps nothing is most
     *         likely a typo, or {@code *} where {@code **} was meant: {@code *} stops at {@code /})
     */
    public List<String> unmatched(List<String> ids) {
        return patterns.stream().filter(p -> ids.stream().noneMatch(id -> glob(p).matcher(id).matches())).toList();
    }

    /** @return true for {@code best} */
    public boolean keepsBest() {
        return mode.equals("best");
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
