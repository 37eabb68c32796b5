package org.barq.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sentence at the top of the report: which rounding method won, by a rule stated in the sentence itself. The
 * rule ranks the methods at 4 bits (else the run's narrowest width), where rounding errors are large enough to tell
 * methods apart, by the mean over seeds of the test split's band pair-order flip at {@code lambda = 0}: barq's
 * question is which decisions near the boundary survive rounding, and pair-order flips count them on held-out data.
 * Test accuracy breaks ties. Nothing is chosen by it, so reading the test split here selects nothing.
 */
final class Headline {
    /** The width ranked first when the run has it. */
    static final int PREFERRED_BITS = 4;

    private Headline() {
    }

    /**
     * One method's standing.
     *
     * @param method        its column label
     * @param pairOrderFlip mean test band pair-order flip
     * @param accuracy      mean test accuracy of the rounded model
     */
    record Standing(String method, double pairOrderFlip, double accuracy) {
    }

    /** @return the methods ranked best first, at {@link #bits}; empty when no method has the metric */
    static List<Standing> ranking(Results results) {
        List<Standing> standings = new ArrayList<>();
        if (results.isEmpty()) {
            return standings;
        }
        int bits = bits(results);
        for (String method : results.methods()) {
            List<Variant> baseline = results.baseline(bits, method);
            double flip = Metric.TEST_PAIR_ORDER_FLIP.of(baseline).mean();
            if (Double.isFinite(flip)) {
                standings.add(new Standing(method, flip, Metric.TEST_ACCURACY.of(baseline).mean()));
            }
        }
        standings.sort(Comparator.comparingDouble(Standing::pairOrderFlip)
                .thenComparing(Comparator.comparingDouble(Standing::accuracy).reversed())
                .thenComparing(Standing::method));
        return standings;
    }

    /** @return the width the headline ranks at: 4 when the run has it, else the narrowest */
    static int bits(Results results) {
        List<Integer> bits = results.bits();
        return bits.contains(PREFERRED_BITS) ? PREFERRED_BITS : bits.get(0);
    }

    /** @return the headline, or empty when the run has no variant with a test band pair-order flip */
    static Optional<String> sentence(Results results) {
        List<Standing> ranking = ranking(results);
        if (ranking.isEmpty()) {
            return Optional.empty();
        }
        Standing best = ranking.get(0);
        List<String> winners = tiedWith(ranking, 0);
        StringBuilder s = new StringBuilder("At ").append(bits(results)).append(" bits ");
        if (winners.size() == 1) {
            s.append(best.method()).append(" kept the most decisions near the boundary: test band pair-order flip ");
        } else {
            s.append(Prose.list(winners)).append(" tied for the fewest test band pair-order flips, ");
        }
        s.append(Numbers.figure(best.pairOrderFlip(), 4)).append(", test accuracy ")
                .append(Numbers.figure(best.accuracy(), 4));
        int next = winners.size();
        if (next < ranking.size()) {
            Standing runnerUp = ranking.get(next);
            List<String> runnersUp = tiedWith(ranking, next);
            s.append("; next ").append(Prose.list(runnersUp)).append(runnersUp.size() == 1 ? " with " : ", tied at ")
                    .append(Numbers.figure(runnerUp.pairOrderFlip(), 4)).append(" (")
                    .append(Numbers.figure(runnerUp.pairOrderFlip() - best.pairOrderFlip(), 4))
                    .append(" more), accuracy ").append(Numbers.figure(runnerUp.accuracy(), 4));
        }
        return Optional.of(s.append(". Ranked by the test band pair-order flip at lambda = 0 (")
                .append(results.seedStatistic(false)).append("), ties by test accuracy.").toString());
    }

    /** @return the methods from {@code first} on that tie with it, which the ranking has put next to each other */
    private static List<String> tiedWith(List<Standing> ranking, int first) {
        List<String> tied = new ArrayList<>();
        for (int k = first; k < ranking.size() && tied(ranking.get(k), ranking.get(first)); k++) {
            tied.add(ranking.get(k).method());
        }
        return tied;
    }

    /** Means of identical seed results differ in the last bits by summation order; 1e-9 is far below a sample. */
    private static boolean tied(Standing a, Standing b) {
        return Math.abs(a.pairOrderFlip() - b.pairOrderFlip()) < 1e-9 && Math.abs(a.accuracy() - b.accuracy()) < 1e-9;
    }
}
