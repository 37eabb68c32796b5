package org.barq.experiments.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Puts a plug-in's failure to load in one line: Guice's and ServiceLoader's own texts run over many. */
final class PluginErrors {
    private PluginErrors() {
    }

    /**
     * @param e what loading the plug-ins threw
     * @return its messages, first lines only, joined
     */
    static String describe(Throwable e) {
        Collection<Message> messages = e instanceof CreationException c ? c.getErrorMessages()
                : e instanceof ProvisionException p ? p.getErrorMessages() : List.of();
        List<String> parts = new ArrayList<>();
        for (Message m : messages) {
            Throwable cause = m.getCause();
            parts.add(firstLine(cause != null ? cause.getMessage() : m.getMessage()));
        }
        if (parts.isEmpty()) {
            parts.add(firstLine(e.getMessage()));
            if (e.getCause() != null) {
                parts.add(firstLine(e.getCause().toString()));
            }
        }
        String joined = String.join("; ", parts);
        return joined.endsWith(".") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String firstLine(String text) {
        return text == null ? "(no message)" : text.strip().lines().findFirst().orElse("").strip();
    }
}
