package org.barq.experiments.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.barq.api.InvalidInputException;
import picocli.CommandLine;

/** The repeatable {@code KEY=VALUE} options ({@code --option}, {@code --correction-option}) and their shared check. */
final class KeyValueOptions {
    private KeyValueOptions() {
    }

    /**
     * Refuses a key given twice: picocli keeps the last value in the map, so the first would be dropped silently.
     *
     * @param given  the command's parse result
     * @param option the repeatable option, e.g. {@code --option}
     */
    static void requireDistinctKeys(CommandLine.ParseResult given, String option) {
        CommandLine.Model.OptionSpec matched = given.matchedOption(option);
        if (matched == null) {
            return;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String entry : matched.originalStringValues()) {
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq);
            String first = seen.putIfAbsent(key, entry);
            if (first != null) {
                throw new InvalidInputException(option + " " + key + " is given twice, as " + first + " and " + entry
                        + ", and only one value can count. Maybe " + option + " " + entry + " alone?");
            }
        }
    }
}
