package org.barq.experiments.study.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Interpolation between adjacent bit widths after the variants (FORMULATION §5), between the {@code lambda = 0}
 * roundings of one solver and seed, on the test set's slice.
 *
 * @param enabled whether to write {@code interpolation.json}; default true
 * @param pairs   the pairs {@code [b, b + 1]}, both in the study's bits; default every adjacent pair of them (none
 *                when no two of the study's bit widths are adjacent); an empty list is refused when there are some
 * @param solver  the solver label whose roundings to interpolate; default the study's first solver
 * @param seed    the seed of those roundings; default the study's first seed
 */
public record InterpolationConfig(@JsonProperty("enabled") Boolean enabled,
                                  @JsonProperty("pairs") List<List<Integer>> pairs,
                                  @JsonProperty("solver") String solver, @JsonProperty("seed") Long seed) {

    /** The defaults of every key. */
    public static final InterpolationConfig DEFAULTS = new InterpolationConfig(null, null, null, null);

    /** Applies the default {@code enabled} and checks each pair's shape. */
    public InterpolationConfig {
        enabled = Checks.or(enabled, true);
        if (pairs != null) {
            pairs = pairs.isEmpty() ? List.of() : Checks.nonEmptyDistinct("pairs", pairs,
                    "leave pairs out for every adjacent pair");
            for (int i = 0; i < pairs.size(); i++) {
                List<Integer> p = pairs.get(i);
                if (p.size() != 2 || p.get(0) == null || p.get(1) == null || p.get(1) != p.get(0) + 1) {
                    throw new ConfigValueException("pairs[" + i + "]", p, "must be two adjacent bit widths [b, b + 1]."
                            + " Maybe [3, 4]?");
                }
            }
        }
    }

    /**
     * @param studyBits    the study's bits
     * @param solverLabels the study's solver labels
     * @param seeds        the study's seeds
     * @return this config with the pairs, solver and seed filled in and checked against the study
     */
    InterpolationConfig resolved(List<Integer> studyBits, List<String> solverLabels, List<Long> seeds) {
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int b : studyBits.stream().sorted().toList()) {
            if (studyBits.contains(b + 1)) {
                adjacent.add(List.of(b, b + 1));
            }
        }
        // an empty list interpolated nothing without a word; it stays what a resolved config writes for bits with no
        // adjacent pair, which the run notes
        if (enabled && pairs != null && pairs.isEmpty() && !adjacent.isEmpty()) {
            throw new ConfigValueException("interpolation.pairs", pairs, "the list is empty, so nothing would be"
                    + " interpolated. Maybe leave pairs out for every adjacent pair of the bits " + adjacent
                    + ", or enabled: false?");
        }
        List<List<Integer>> p = pairs == null ? adjacent : pairs;
        for (int i = 0; i < p.size(); i++) {
            for (int b : p.get(i)) {
                if (!studyBits.contains(b)) {
                    throw new ConfigValueException("interpolation.pairs[" + i + "]", p.get(i), b + " bits is not"
                            + " among the study's bits " + studyBits + ". Maybe add it to bits?");
                }
            }
        }
        String s = Checks.or(solver, solverLabels.get(0));
        if (!solverLabels.contains(s)) {
            throw new ConfigValueException("interpolation.solver", s, "is not one of the study's solvers. Maybe one"
                    + " of: " + String.join(", ", solverLabels) + "?");
        }
        long k = Checks.or(seed, seeds.get(0));
        if (!seeds.contains(k)) {
            throw new ConfigValueException("interpolation.seed", k, "is not one of the study's seeds " + seeds
                    + ". Maybe " + seeds.get(0) + "?");
        }
        return new InterpolationConfig(enabled, List.copyOf(p), s, k);
    }
}
