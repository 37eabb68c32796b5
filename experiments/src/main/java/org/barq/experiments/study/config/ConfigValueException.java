package org.barq.experiments.study.config;

import org.barq.api.InvalidInputException;

/**
 * A bad value in a study config, naming its key relative to the object that holds it. {@link StudyConfigs} puts the
 * path of that object in front, so that the user reads the full key path, e.g. {@code objectives[1].band}.
 */
public final class ConfigValueException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The key relative to the object that rejected it, e.g. {@code band} or {@code pairs[0]}. */
    private final String key;
    /** What was found, as the user wrote it. */
    private final String value;
    /** What is wrong, with a "Maybe ..." hint. */
    private final String problem;

    /** True when the key is missing rather than bad. */
    private final boolean missing;

    /**
     * @param key     the key relative to the rejecting object
     * @param value   the value found
     * @param problem what is wrong and a hint, one line
     */
    public ConfigValueException(String key, Object value, String problem) {
        this(key, String.valueOf(value), problem, false);
    }

    private ConfigValueException(String key, String value, String problem, boolean missing) {
        super(missing ? "missing key '" + key + "'. " + problem : key + " = " + value + ": " + problem);
        this.key = key;
        this.value = value;
        this.problem = problem;
        this.missing = missing;
    }

    /**
     * @param key  the required key, relative to the rejecting object
     * @param hint an example of the key with a value, e.g. {@code spec: digits}
     * @return the exception for a required key that is absent
     */
    public static ConfigValueException missing(String key, String hint) {
        return new ConfigValueException(key, "null", "Maybe " + hint + "?", true);
    }

    /** @return true when the key is absent rather than bad */
    public boolean isMissing() {
        return missing;
    }

    /** @return the key relative to the object that rejected it */
    public String key() {
        return key;
    }

    /** @return the value found */
    public String value() {
        return value;
    }

    /** @return what is wrong, with a hint */
    public String problem() {
        return problem;
    }
}
