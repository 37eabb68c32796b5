package org.barq.api.solver;

/**
 * One option a solver accepts, for {@code ./barq solvers} and for validation at start-up.
 *
 * @param name         the key, e.g. {@code algorithm}
 * @param defaultValue the value used when the user gives none
 * @param description  one line
 */
public record OptionSpec(String name, String defaultValue, String description) {
}
