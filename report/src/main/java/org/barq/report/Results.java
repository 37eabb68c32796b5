package org.barq.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The variants of a run, in run order, with the groupings the report needs: bit widths, methods, the
 * reconstruction baseline of a (bits, method) cell, and the lambda sweeps.
 */
final class Results {
    private final List<Variant> variants;

    /** @param variants the readable variants, in any order */
    Results(List<Variant> variants) {
        List<Variant> sorted = new ArrayList<>(MethodLabels.label(variants));
        sorted.sort(Comparator.comparingInt(Variant::index).thenComparing(Variant::id));
        this.variants = List.copyOf(sorted);
    }

    /** @return the variants in run order */
    List<Variant> variants() {
        return variants;
    }


    /** @return the variant of that id, if the run has it */
    Optional<Variant> byId(String id) {
        return variants.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** @return whether no variant was read */
    boolean isEmpty() {
        return variants.isEmpty();
    }

    /** @return the bit widths present, ascending */
    List<Integer> bits() {
        TreeSet<Integer> bits = new TreeSet<>();
        variants.forEach(v -> bits.add(v.bits()));
        return List.copyOf(bits);
    }

    /** @return the method labels in order of first appearance in the run */
    List<String> methods() {
        LinkedHashSet<String> methods = new LinkedHashSet<>();
        variants.forEach(v -> methods.add(v.method()));
        return List.copyOf(methods);
    }

    /** @return the labels of the corrections fitted after rounding, in order of first appearance; empty for none */
    List<String> correctionLabels() {
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        variants.forEach(v -> v.correction().ifPresent(c -> labels.add(c.label())));
        return List.copyOf(labels);
    }

    /** @return the seeds stated by the variants, ascending */
    List<Long> seeds() {
        TreeSet<Long> seeds = new TreeSet<>();
        variants.stream().filter(v -> v.seed() != Variant.NO_SEED).forEach(v -> seeds.add(v.seed()));
        return List.copyOf(seeds);
    }

    /**
     * @param std whether the figures described show a sample std beside the mean
     * @return what a figure over seeds is, for a caption: "mean over seeds ± sample std" (or "mean over seeds"), or
     *         "one seed" when the run has at most one, where there is nothing to average and no std
     */
    String seedStatistic(boolean std) {
        if (seeds().size() <= 1) {
            return "one seed";
        }
        return std ? "mean over seeds ± sample std" : "mean over seeds";
    }

    /** @return the first method label whose solver has the given name, if any */
    Optional<String> methodOfSolver(String solver) {
        return variants.stream().filter(v -> v.solver().equals(solver)).map(Variant::method).findFirst();
    }

    /**
     * The reconstruction baseline of a cell: its {@code lambda = 0} variants, of kind
     * {@link ReportKeys#KIND_RECONSTRUCTION} when there are such, else of the alphabetically first kind (so that a
     * sweep's duplicated {@code lambda = 0} point is not counted twice).
     *
     * @return the baseline variants (all seeds); empty when the cell has none
     */
    List<Variant> baseline(int bits, String method) {
        TreeMap<String, List<Variant>> byKind = new TreeMap<>();
        for (Variant v : variants) {
            if (v.bits() == bits && v.method().equals(method) && v.isReconstruction()) {
                byKind.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(v);
            }
        }
        if (byKind.isEmpty()) {
            return List.of();
        }
        List<Variant> reconstruction = byKind.get(ReportKeys.KIND_RECONSTRUCTION);
        return reconstruction != null ? reconstruction : byKind.firstEntry().getValue();
    }

    /**
     * @return the lambda sweeps (a kind other than reconstruction with some {@code lambda > 0}), ordered by bits,
     *         method, kind
     */
    List<Sweep> sweeps() {
        Map<String, NavigableMap<Double, List<Variant>>> groups = new TreeMap<>();
        Map<String, Variant> firstOfGroup = new TreeMap<>();
        for (Variant v : variants) {
            if (v.kind().equals(ReportKeys.KIND_RECONSTRUCTION)) {
                continue;
            }
            String key = String.format("%03d\u0000%s\u0000%s", v.bits(), v.method(), v.kind());
            groups.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(v.lambda(), l -> new ArrayList<>())
                    .add(v);
            firstOfGroup.putIfAbsent(key, v);
        }
        List<Sweep> sweeps = new ArrayList<>();
        for (Map.Entry<String, NavigableMap<Double, List<Variant>>> group : groups.entrySet()) {
            NavigableMap<Double, List<Variant>> byLambda = group.getValue();
            if (byLambda.lastKey() <= 0) {
                continue;
            }
            Variant first = firstOfGroup.get(group.getKey());
            if (!byLambda.containsKey(0.0)) {
                List<Variant> baseline = baseline(first.bits(), first.method());
                if (!baseline.isEmpty()) {
                    byLambda.put(0.0, baseline);
                }
            }
            sweeps.add(new Sweep(first.bits(), first.method(), first.kind(), byLambda));
        }
        List<String> methods = methods();
        sweeps.sort(Comparator.comparingInt(Sweep::bits)
                .thenComparingInt(s -> methods.indexOf(s.method()))
                .thenComparing(Sweep::kind));
        return sweeps;
    }

    /** @return the seed statistics of a test metric over some variants */
    static MeanStd test(List<Variant> variants, String metric) {
        return stats(variants, v -> v.test(metric));
    }

    /** @return the seed statistics of a calibration metric over some variants */
    static MeanStd calibration(List<Variant> variants, String metric) {
        return stats(variants, v -> v.calibration(metric));
    }

    private static MeanStd stats(List<Variant> variants, ToDoubleFunction<Variant> value) {
        return MeanStd.of(variants.stream().mapToDouble(value).toArray());
    }
}
