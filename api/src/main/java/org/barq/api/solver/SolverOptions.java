package org.barq.api.solver;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;

/**
 * The solver-specific options a user gave, as strings keyed by name, validated against a solver's
 * {@link OptionSpec}s. Typed getters fall back to the spec's default and fail with a one-line message naming the
 * option and its value.
 */
public final class SolverOptions {
    private final String solver;
    private final SortedMap<String, String> values;
    private final Map<String, OptionSpec> specs;

    /** @param solver what the options belong to, as messages name it: {@code solver gptq}, {@code correction cat} */
    private SolverOptions(String solver, SortedMap<String, String> values, Map<String, OptionSpec> specs) {
        this.solver = solver;
        this.values = values;
        this.specs = specs;
    }

    /**
     * @param descriptor the solver the options are for
     * @param given      what the user gave
     * @return validated options
     * @throws InvalidInputException naming an unknown option and listing the known ones
     */
    public static SolverOptions of(SolverDescriptor descriptor, Map<String, String> given) {
        return of("solver " + descriptor.name(), descriptor.options(), given);
    }

    /**
     * Options of another plug-in with named options, such as a logit correction.
     *
     * @param owner    what they belong to, as messages name it, e.g. {@code correction cat}
     * @param declared the options it accepts
     * @param given    what the user gave
     * @return validated options
     * @throws InvalidInputException naming an unknown option and listing the known ones
     */
    public static SolverOptions of(String owner, List<OptionSpec> declared, Map<String, String> given) {
        Map<String, OptionSpec> specs = new TreeMap<>();
        for (OptionSpec s : declared) {
            specs.put(s.name(), s);
        }
        for (String key : new TreeMap<>(given).keySet()) {
            if (specs.isEmpty()) {
                throw new InvalidInputException(owner + " takes no options, so '" + key + "' would change nothing."
                        + " Maybe drop it?");
            }
            if (!specs.containsKey(key)) {
                throw new InvalidInputException(owner + " has no option '" + key + "'. Maybe one of: "
                        + String.join(", ", specs.keySet()) + "?");
            }
        }
        return new SolverOptions(owner, new TreeMap<>(given), specs);
    }

    /** @return options with nothing given: every getter returns the default */
    public static SolverOptions defaults(SolverDescriptor descriptor) {
        return of(descriptor, Map.of());
    }

    /** @return the given values, sorted by key */
    public SortedMap<String, String> given() {
        return Collections.unmodifiableSortedMap(values);
    }

    /** @return every option with its effective value (given or default), sorted by key */
    public SortedMap<String, String> resolved() {
        SortedMap<String, String> all = new TreeMap<>();
        for (OptionSpec s : specs.values()) {
            all.put(s.name(), values.getOrDefault(s.name(), s.defaultValue()));
        }
        return all;
    }

    /** @return the effective string value of {@code name} */
    public String getString(String name) {
        OptionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(solver + " did not declare option " + name);
        }
        return values.getOrDefault(name, spec.defaultValue());
    }

    /** @return the option as a long */
    public long getLong(String name) {
        String v = getString(name);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(name, v, "a whole number");
        }
    }

    /** @return the option as an int */
    public int getInt(String name) {
        long v = getLong(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw bad(name, Long.toString(v), "a whole number of at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** @return the option as a finite double */
    public double getDouble(String name) {
        String v = getString(name);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw bad(name, v, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(name, v, "a number");
        }
    }

    /**
     * @param name    the option
     * @param choices the accepted values
     * @return the value, one of {@code choices}
     */
    public String getChoice(String name, List<String> choices) {
        String v = getString(name);
        if (!choices.contains(v)) {
            throw bad(name, v, "one of " + String.join(", ", choices));
        }
        return v;
    }

    private InvalidInputException bad(String name, String value, String expected) {
        return new InvalidInputException(solver + " option " + name + "=" + value + " is not valid: use "
                + expected + ". Maybe " + name + "=" + specs.get(name).defaultValue() + ", the default?");
    }
}
