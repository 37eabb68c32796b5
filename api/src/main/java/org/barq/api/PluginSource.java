package org.barq.api;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where a plug-in's code came from, so that an output can say which jar made it: a plug-in's results depend on its
 * version, which its name and options do not record.
 */
public final class PluginSource {
    private PluginSource() {
    }

    /**
     * @param plugin the plug-in's class
     * @param own    a class of the registry that loaded it, whose code is barq's own
     * @return {@code class from jar (sha256 ...)} for a class loaded from elsewhere than {@code own}'s code ({@code a
     *     folder} for classes not in a jar); empty for barq's own
     */
    public static Optional<String> of(Class<?> plugin, Class<?> own) {
        CodeSource theirs = plugin.getProtectionDomain().getCodeSource();
        CodeSource ours = own.getProtectionDomain().getCodeSource();
        if (theirs == null || theirs.getLocation() == null
                || ours != null && theirs.getLocation().equals(ours.getLocation())) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(theirs.getLocation().toURI());
            String content = Files.isRegularFile(location) ? "sha256 " + Sha256.hex(Files.readAllBytes(location))
                    : "a folder";
            return Optional.of(plugin.getName() + " from " + location.getFileName() + " (" + content + ")");
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Optional.of(plugin.getName() + " from " + theirs.getLocation());
        }
    }
}
