package org.barq.experiments.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Versions for provenance: barq's version and git commit (from the build), Java and the OS.
 *
 * @param version barq's version
 * @param commit  the git commit the jar was built from, or {@code unknown}
 * @param java    the Java runtime version
 * @param os      operating system name, version and architecture
 */
public record BuildInfo(String version, String commit, String java, String os) {

    /** @return the running build's information */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/barq/experiments/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Provenance falls back to "unknown" rather than failing a run.
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** @return {@code version} and {@code commit}, the keys every output records the code by */
    public Map<String, Object> code() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("commit", commit);
        return m;
    }

    /** @return {@link #code()}, then {@code java} and {@code os}: the whole record a run folder keeps */
    public Map<String, Object> toJson() {
        Map<String, Object> m = code();
        m.put("java", java);
        m.put("os", os);
        return m;
    }
}
