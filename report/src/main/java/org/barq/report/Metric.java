package org.barq.report;

import java.util.List;

/**
 * A metric of a variant, as the tables show it.
 *
 * @param source   where it is read: the test split's metrics object, the calibration split's, or the line itself
 * @param key      the metric's key in that object
 * @param title    the metric's name for the reader
 * @param decimals decimals printed
 */
record Metric(Source source, String key, String title, int decimals) {
    /** Where a metric is read. */
    enum Source { TEST, CALIBRATION, LINE }

    /** Test accuracy of the rounded model. */
    static final Metric TEST_ACCURACY = new Metric(Source.TEST, ReportKeys.ACCURACY_ROUNDED, "test accuracy", 4);
    /** Test flip rate. */
    static final Metric TEST_FLIP = new Metric(Source.TEST, ReportKeys.FLIP_RATE, "test flip rate", 4);
    /** Test band flip rate. */
    static final Metric TEST_BAND_FLIP = new Metric(Source.TEST, ReportKeys.BAND_FLIP_RATE, "test band flip rate", 4);
    /** Test band pair-order flip. */
    static final Metric TEST_PAIR_ORDER_FLIP = new Metric(Source.TEST, ReportKeys.PAIR_ORDER_FLIP,
            "test band pair-order flip", 4);
    /** The size of the test band's pair-gap change, which the test flips follow. */
    static final Metric TEST_BAND_GAP_RMS = new Metric(Source.TEST, ReportKeys.BAND_GAP_RMS,
            "test band pair-gap change (root mean square)", 4);
    /** The same on the calibration set: far below the test figure, a rounding fitted to the calibration samples. */
    static final Metric CALIBRATION_BAND_GAP_RMS = new Metric(Source.CALIBRATION, ReportKeys.BAND_GAP_RMS,
            "calibration band pair-gap change (root mean square)", 4);
    /** Test slice-boundary Jaccard. */
    static final Metric TEST_JACCARD = new Metric(Source.TEST, ReportKeys.BOUNDARY_JACCARD, "test slice-boundary Jaccard", 4);
    /** Test median boundary displacement. */
    static final Metric TEST_DISPLACEMENT = new Metric(Source.TEST, ReportKeys.DISPLACEMENT_MEDIAN,
            "test median boundary displacement", 4);
    /** Calibration band pair-order flip. */
    static final Metric CALIBRATION_PAIR_ORDER_FLIP = new Metric(Source.CALIBRATION, ReportKeys.PAIR_ORDER_FLIP,
            "calibration band pair-order flip", 4);
    /** Calibration slice-boundary Jaccard. */
    static final Metric CALIBRATION_JACCARD = new Metric(Source.CALIBRATION, ReportKeys.BOUNDARY_JACCARD,
            "calibration slice-boundary Jaccard", 4);

    /** The summed reconstruction of every layer of the final rounding (after an output pass, if any). */
    static final Metric RECONSTRUCTION = new Metric(Source.LINE, ReportKeys.R_TOTAL,
            "summed reconstruction R of all layers (calibration)", 4);

    /** The last layer's reconstruction of the final rounding: the logits', what a pass matching them keeps. */
    static final Metric LOGITS_RECONSTRUCTION = new Metric(Source.LINE, ReportKeys.R_LOGITS,
            "the logits' reconstruction R of the last layer (calibration)", 4);

    /** The output pass's own expectation of the held-out pair-order flips, from the calibration set alone. */
    static final Metric EXPECTED_FLIP_RATIO = new Metric(Source.LINE, ReportKeys.EXPECTED_FLIP_RATIO,
            "expected band pair-order flip on unseen data, x the output pass's start (its cross-validation)", 3);

    /** The report's bits x solver tables. */
    static final List<Metric> REPORT_TABLES = List.of(TEST_ACCURACY, TEST_FLIP, TEST_BAND_FLIP, TEST_PAIR_ORDER_FLIP,
            EXPECTED_FLIP_RATIO,
            TEST_BAND_GAP_RMS, CALIBRATION_BAND_GAP_RMS, TEST_JACCARD, TEST_DISPLACEMENT, CALIBRATION_JACCARD,
            RECONSTRUCTION, LOGITS_RECONSTRUCTION);
    /** The summary's bits x solver tables. */
    static final List<Metric> SUMMARY_TABLES = List.of(TEST_ACCURACY, TEST_FLIP, TEST_PAIR_ORDER_FLIP, TEST_JACCARD,
            RECONSTRUCTION);

    /** @return the metric's seed statistics over some variants */
    MeanStd of(List<Variant> variants) {
        return switch (source) {
            case TEST -> Results.test(variants, key);
            case CALIBRATION -> Results.calibration(variants, key);
            case LINE -> MeanStd.of(variants.stream().mapToDouble(v -> v.figure(key)).toArray());
        };
    }

    /**
     * @return whether any of the variants carries the metric: lines written before it existed lack it, and its table
     *         is left out rather than shown empty; a metric that is there but undefined (null) keeps its table
     */
    boolean presentIn(List<Variant> variants) {
        return variants.stream().anyMatch(v -> switch (source) {
            case TEST -> v.test().has(key);
            case CALIBRATION -> v.calibration().has(key);
            case LINE -> !Double.isNaN(v.figure(key));
        });
    }

    /**
     * @return whether a larger value is the better rounding: accuracy alone; every other figure is an error, a flip
     *         rate or a distance (the Jaccard of FORMULATION §5 included), where less is better
     */
    boolean higherIsBetter() {
        return key.equals(ReportKeys.ACCURACY_ROUNDED);
    }
}
