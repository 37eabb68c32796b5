package org.barq.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reference claims of FORMULATION §7 beside this run's values. The round-to-nearest claims read the
 * {@link ReportKeys#SOLVER_NEAREST} solver at {@code lambda = 0} (seed means); the stopping claims read the
 * round-to-nearest stopping report when keyed by solver; the boundary-gap claims read the 4-bit sweep whose best
 * {@code lambda} cut the held-out pair-order flip most.
 */
final class ReferenceClaims {
    /** Reference: the 8-bit test flip rate (every label kept). */
    static final String REF_8BIT_FLIP = "0";
    /** Reference: the 8-bit slice-boundary Jaccard. */
    static final String REF_8BIT_JACCARD = "0.428";
    /** Reference: the 4-bit test accuracy. */
    static final String REF_4BIT_ACCURACY = "0.9733";
    /** Reference: the 4-bit slice-boundary Jaccard. */
    static final String REF_4BIT_JACCARD = "0.970";
    /** Reference: the 4-bit median boundary displacement. */
    static final String REF_4BIT_DISPLACEMENT = "0.0290";
    /** Reference: changed cells in reconfigured triple junctions of the selected transitions. */
    static final String REF_JUNCTION_CELLS = "12, 34, 17";
    /** Reference: the held-out flip rate, selected by accuracy then boundary-aware. */
    static final String REF_STOPPING_FLIP = "0.0094 → 0.0022";
    /** Reference: the held-out Jaccard, selected by accuracy then boundary-aware. */
    static final String REF_STOPPING_JACCARD = "0.825 → 0.524";
    /** Reference: Pearson r of calibration against held-out Jaccard. */
    static final String REF_PEARSON = "0.947 … 0.994";
    /** Reference: the boundary-gap term's Jaccard at 4 bits, lambda 0 then best (CIFAR-10). */
    static final String REF_GAP_JACCARD = "0.457 → 0.435";
    /** Reference: the boundary-gap term's band pair-order flip at 4 bits (CIFAR-10). */
    static final String REF_GAP_PAIR_ORDER = "0.3600 → 0.3558";

    private ReferenceClaims() {
    }

    /**
     * @param results     the run's variants
     * @param stopping    the stopping reports
     * @param transitions the interpolation reports
     * @param gaps        the boundary-gap comparisons
     * @return the claims in FORMULATION §7's order
     */
    static List<Claim> claims(Results results, List<StoppingRun> stopping, List<Transition> transitions,
                              List<GapComparison> gaps) {
        List<Claim> claims = new ArrayList<>();
        claims.add(rtn(results, 8, Metric.TEST_FLIP, "8-bit rounding kept every test label (test flip rate)",
                REF_8BIT_FLIP));
        claims.add(rtn(results, 8, Metric.TEST_JACCARD, "8-bit slice-boundary Jaccard", REF_8BIT_JACCARD));
        claims.add(rtn(results, 4, Metric.TEST_ACCURACY, "4-bit test accuracy", REF_4BIT_ACCURACY));
        claims.add(rtn(results, 4, Metric.TEST_JACCARD, "4-bit slice-boundary Jaccard", REF_4BIT_JACCARD));
        claims.add(rtn(results, 4, Metric.TEST_DISPLACEMENT, "4-bit median boundary displacement",
                REF_4BIT_DISPLACEMENT));
        claims.add(junctions(transitions));
        StoppingRun run = StoppingRun.preferred(stopping);
        claims.add(stoppingClaim(run, ReportKeys.TEST_FLIP_RATE, "Stopping rule: held-out flip rate (selected by"
                + " accuracy → boundary-aware)", REF_STOPPING_FLIP, 4));
        claims.add(stoppingClaim(run, ReportKeys.TEST_JACCARD, "Stopping rule: held-out Jaccard (selected by"
                + " accuracy → boundary-aware)", REF_STOPPING_JACCARD, 3));
        claims.add(pearson(results, stopping));
        Optional<GapComparison> gap = BoundaryGap.strongest(gaps, 4);
        claims.add(gapClaim(gap, "Boundary-gap term at 4 bits: slice-boundary Jaccard (lambda 0 → best)",
                REF_GAP_JACCARD, c -> Numbers.arrow(c.jaccard(), c.bestJaccard(), 3)));
        claims.add(gapClaim(gap, "Boundary-gap term at 4 bits: band pair-order flip (lambda 0 → best)",
                REF_GAP_PAIR_ORDER, c -> Numbers.arrow(c.pairOrderFlip(), c.bestPairOrderFlip(), 4)));
        return claims;
    }

    /** @return the claims as a table: claim | reference value | barq's value | note */
    static Table table(List<Claim> claims) {
        List<List<String>> rows = new ArrayList<>();
        for (Claim c : claims) {
            rows.add(List.of(c.claim(), c.reference(), c.barq(), c.note()));
        }
        return new Table("Reference claims (FORMULATION §7) against this run",
                List.of("claim", "reference value", "barq's value", "note"), rows);
    }

    private static Claim rtn(Results results, int bits, Metric metric, String claim, String reference) {
        Optional<String> method = results.methodOfSolver(ReportKeys.SOLVER_NEAREST);
        List<Variant> variants = method.map(m -> results.baseline(bits, m)).orElse(List.of());
        if (variants.isEmpty()) {
            return new Claim(claim, reference, Numbers.NOT_AVAILABLE, "no round-to-nearest variant at " + bits
                    + " bits in this run");
        }
        MeanStd stats = metric.of(variants);
        return new Claim(claim, reference, Numbers.figure(stats.mean(), metric.decimals()),
                "round-to-nearest (" + method.get() + "), " + (stats.n() == 1 ? "one seed"
                        : "mean of " + stats.n() + " seeds"));
    }

    private static Claim junctions(List<Transition> transitions) {
        String claim = "Interpolation localised reconfigurations at triple junctions (changed cells in"
                + " reconfigured junctions)";
        List<String> values = new ArrayList<>();
        for (Transition t : transitions) {
            if (Double.isFinite(t.changedInReconfigured())) {
                values.add(t.name() + ": " + Numbers.fixed(t.changedInReconfigured(), 0));
            }
        }
        if (values.isEmpty()) {
            return new Claim(claim, REF_JUNCTION_CELLS, Numbers.NOT_AVAILABLE, "interpolation not run");
        }
        return new Claim(claim, REF_JUNCTION_CELLS, String.join(", ", values), "per transition between adjacent"
                + " bit widths");
    }

    private static Claim stoppingClaim(StoppingRun run, String key, String claim, String reference, int decimals) {
        if (run == null) {
            return new Claim(claim, reference, Numbers.NOT_AVAILABLE, "stopping rule not run");
        }
        JsonNode byAccuracy = run.byAccuracy();
        JsonNode boundaryAware = run.boundaryAware();
        String value = Numbers.arrow(JsonValues.number(byAccuracy, key), JsonValues.number(boundaryAware, key),
                decimals);
        String note = "bits " + bitsOf(byAccuracy) + " → " + bitsOf(boundaryAware)
                + (run.name().isEmpty() ? "" : "; solver " + run.name());
        return new Claim(claim, reference, value, note);
    }

    private static String bitsOf(JsonNode candidate) {
        return candidate.isObject() ? Numbers.fixed(JsonValues.number(candidate, ReportKeys.BITS), 0) : "none";
    }

    private static Claim pearson(Results results, List<StoppingRun> stopping) {
        String claim = "Calibration Jaccard predicts held-out Jaccard (Pearson r)";
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (StoppingRun run : stopping) {
            if (Double.isFinite(run.pearsonR())) {
                lo = Math.min(lo, run.pearsonR());
                hi = Math.max(hi, run.pearsonR());
            }
        }
        if (lo <= hi) {
            String value = lo == hi ? Numbers.figure(lo, 3) : Numbers.figure(lo, 3) + " … " + Numbers.figure(hi, 3);
            return new Claim(claim, REF_PEARSON, value, "from stopping.json");
        }
        double[][] pairs = jaccardPairs(results);
        double r = Pearson.r(pairs[0], pairs[1]);
        return new Claim(claim, REF_PEARSON, Numbers.figure(r, 3), Double.isFinite(r)
                ? "computed over " + Pearson.pairs(pairs[0], pairs[1]) + " variants of results.jsonl"
                : "fewer than two variants with both Jaccards");
    }

    /** @return the calibration (row 0) and test (row 1) Jaccard of every variant */
    static double[][] jaccardPairs(Results results) {
        List<Variant> variants = results.variants();
        double[][] pairs = new double[2][variants.size()];
        for (int i = 0; i < variants.size(); i++) {
            pairs[0][i] = variants.get(i).calibration(ReportKeys.BOUNDARY_JACCARD);
            pairs[1][i] = variants.get(i).test(ReportKeys.BOUNDARY_JACCARD);
        }
        return pairs;
    }

    private static Claim gapClaim(Optional<GapComparison> gap, String claim, String reference,
                                  Function<GapComparison, String> value) {
        if (gap.isEmpty()) {
            return new Claim(claim, reference + " (CIFAR-10)", Numbers.NOT_AVAILABLE, "no lambda sweep at 4 bits");
        }
        GapComparison c = gap.get();
        return new Claim(claim, reference + " (CIFAR-10)", value.apply(c), c.name() + ", best lambda "
                + Numbers.compact(c.bestLambda()) + "; the reference is on CIFAR-10, barq on this run's data");
    }
}
