package org.barq.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few {@code --name value} and {@code --flag} arguments of the benchmark mains. */
final class Arguments {
    private Arguments() {
    }

    /**
     * @param args    the command line
     * @param valued  names that take a value
     * @param flags   names that take none
     * @return name to value ({@code ""} for a flag)
     * @throws IllegalArgumentException on an unknown name or a missing value
     */
    static Map<String, String> parse(String[] args, List<String> valued, List<String> flags) {
        Map<String, String> given = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                given.put(args[i], "");
            } else if (valued.contains(args[i]) && i + 1 < args.length) {
                given.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument '" + args[i] + "'; expected "
                        + valued + " with a value, or " + flags);
            }
        }
        return given;
    }

    /** @return the value of {@code name} @throws IllegalArgumentException when it was not given */
    static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
