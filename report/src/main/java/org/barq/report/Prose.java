package org.barq.report;

import java.util.List;

/** Sentences' small parts that several sections write alike. */
final class Prose {
    private Prose() {
    }

    /** @return "a", "a and b", "a, b and c"; "" for none */
    static String list(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
