package org.barq.report;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A lambda sweep: one bit width, one method and one surrogate kind, the variants at each {@code lambda}. Its
 * {@code lambda = 0} point is the sweep's own, or else the method's reconstruction baseline at that bit width (the
 * objective does not depend on the surrogate when {@code lambda = 0}).
 *
 * @param bits     the bit width
 * @param method   the column label
 * @param kind     the surrogate's kind
 * @param byLambda the variants (all seeds) at each {@code lambda}, ascending
 */
record Sweep(int bits, String method, String kind, NavigableMap<Double, List<Variant>> byLambda) {

    /** Copies the map. */
    Sweep {
        byLambda = Collections.unmodifiableNavigableMap(new TreeMap<>(byLambda));
    }

    /** @return the seed-mean of a test metric at each {@code lambda}, ascending */
    NavigableMap<Double, Double> testMeans(String metric) {
        NavigableMap<Double, Double> means = new TreeMap<>();
        byLambda.forEach((lambda, variants) -> means.put(lambda, Results.test(variants, metric).mean()));
        return means;
    }
}
