package org.barq.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which cluster member ran each variant of a clustered run ({@code barq run --cluster}): per member the number of
 * variants and their ids. A local run's lines name no member and get no table.
 */
final class MemberTable {
    private MemberTable() {
    }

    /** @return the table, or empty when no variant names a member */
    static Optional<Table> of(Results results) {
        // sorted by member, ids in study order: never hash order
        Map<String, List<Variant>> byMember = new TreeMap<>();
        for (Variant v : results.variants()) {
            byMember.computeIfAbsent(v.member().isEmpty() ? "(not recorded)" : v.member(), k -> new ArrayList<>())
                    .add(v);
        }
        if (byMember.size() == 1 && byMember.containsKey("(not recorded)")) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        byMember.forEach((member, variants) -> {
            List<String> ids = variants.stream().sorted(Comparator.comparingInt(Variant::index))
                    .map(Variant::id).toList();
            rows.add(List.of(member, Integer.toString(ids.size()), String.join(", ", ids)));
        });
        return Optional.of(new Table(SectionTitles.MEMBERS, List.of("member", "variants", "ids"), rows));
    }
}
