package org.barq.report;

import java.util.List;

/**
 * What both the HTML report and the Markdown summary show, computed once from the run's files.
 *
 * @param inputs the run's files
 * @param gaps   the boundary-gap comparisons
 * @param claims the reference claims
 */
record Analysis(RunInputs inputs, List<GapComparison> gaps, List<Claim> claims) {

    /** Copies the lists. */
    Analysis {
        gaps = List.copyOf(gaps);
        claims = List.copyOf(claims);
    }

    /** @return the analysis of a run's files */
    static Analysis of(RunInputs inputs) {
        List<GapComparison> gaps = BoundaryGap.comparisons(inputs.results());
        return new Analysis(inputs, gaps, ReferenceClaims.claims(inputs.results(), inputs.stopping(),
                inputs.transitions(), gaps));
    }

    /** @return the float model's test accuracy, one value per seed (the first variant of each seed) */
    MeanStd floatTestAccuracy() {
        Results results = inputs.results();
        double[] perSeed = results.seeds().stream()
                .mapToDouble(seed -> results.variants().stream().filter(v -> v.seed() == seed)
                        .mapToDouble(v -> v.test(ReportKeys.ACCURACY_FLOAT)).filter(Double::isFinite)
                        .findFirst().orElse(Double.NaN))
                .toArray();
        return MeanStd.of(perSeed);
    }

    /** @return Pearson r of calibration against held-out Jaccard over every variant of the results, and the count */
    double[] resultsPearson() {
        double[][] pairs = ReferenceClaims.jaccardPairs(inputs.results());
        return new double[] {Pearson.r(pairs[0], pairs[1]), Pearson.pairs(pairs[0], pairs[1])};
    }
}
