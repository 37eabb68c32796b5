package org.barq.experiments.study.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The value checks the config records share; each failure names the key and the value. */
final class Checks {
    private Checks() {
    }

    /** @return {@code value} when present, else {@code fallback} */
    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** @throws ConfigValueException when {@code value} is null */
    static <T> T required(String key, T value, String hint) {
        if (value == null) {
            throw ConfigValueException.missing(key, hint);
        }
        return value;
    }

    /** @throws ConfigValueException unless {@code lo <= value <= hi} (and finite) */
    static double within(String key, double value, double lo, double hi, String hint) {
        if (!(value >= lo && value <= hi)) {
            throw new ConfigValueException(key, value, "must lie in [" + lo + ", " + hi + "]. Maybe " + hint + "?");
        }
        return value;
    }

    /** @throws ConfigValueException unless {@code value > 0} and finite */
    static double positive(String key, double value, String hint) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ConfigValueException(key, value, "must be a positive number. Maybe " + hint + "?");
        }
        return value;
    }

    /** @throws ConfigValueException unless {@code value >= min} */
    static int atLeast(String key, int value, int min, String hint) {
        if (value < min) {
            throw new ConfigValueException(key, value, "must be at least " + min + ". Maybe " + hint + "?");
        }
        return value;
    }

    /**
     * @throws ConfigValueException unless the label is letters, digits, '.', '_' or '-', starting with a letter or
     *                              digit (it names files); the hint is the label so mended, else the default
     */
    static String label(String label, String name) {
        if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            String mended = label.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[._-]+", "");
            throw new ConfigValueException("label", label.isEmpty() ? "\"\"" : label, "must be letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit (it names files). Maybe " + (mended.isEmpty()
                    ? "leave label out for the name, " + name : mended) + "?");
        }
        return label;
    }

    /** @throws ConfigValueException when the list is empty or repeats an element */
    static <T> List<T> nonEmptyDistinct(String key, List<T> values, String hint) {
        if (values.isEmpty()) {
            throw new ConfigValueException(key, values, "the list is empty. Maybe " + hint + "?");
        }
        Map<T, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            T v = required(key + "[" + i + "]", values.get(i), hint);
            Integer first = seen.putIfAbsent(v, i);
            if (first != null) {
                // an entry of several keys reads better by where it is than by its fields
                Object shown = v instanceof Number || v instanceof String ? v : "the same as [" + first + "]";
                throw new ConfigValueException(key + "[" + i + "]", shown, "appears twice in the list. Maybe remove"
                        + " the repeat?");
            }
        }
        return List.copyOf(values);
    }
}
