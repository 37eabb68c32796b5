package org.barq.report;

import java.util.List;

/**
 * A metric of a variant on one split, as the tables show it.
 *
 * @param test     whether it is read from the test split (else from calibration)
 * @param key      the metric's key in the split's metrics object
 * @param title    the metric's name for the reader
 * @param decimals decimals printed
 */
record Metric(boolean test, String key, String title, int decimals) {
    /** Test accuracy of the rounded model. */
    static final Metric TEST_ACCURACY = new Metric(true, ReportKeys.ACCURACY_ROUNDED, "test accuracy", 4);
    /** Test flip rate. */
    static final Metric TEST_FLIP = new Metric(true, ReportKeys.FLIP_RATE, "test flip rate", 4);
    /** Test band flip rate. */
    static final Metric TEST_BAND_FLIP = new Metric(true, ReportKeys.BAND_FLIP_RATE, "test band flip rate", 4);
    /** Test band pair-order flip. */
    static final Metric TEST_PAIR_ORDER_FLIP = new Metric(true, ReportKeys.PAIR_ORDER_FLIP,
            "test band pair-order flip", 4);
    /** Test slice-boundary Jaccard. */
    static final Metric TEST_JACCARD = new Metric(true, ReportKeys.BOUNDARY_JACCARD, "test slice-boundary Jaccard", 4);
    /** Test median boundary displacement. */
    static final Metric TEST_DISPLACEMENT = new Metric(true, ReportKeys.DISPLACEMENT_MEDIAN,
            "test median boundary displacement", 4);
    /** Calibration band pair-order flip. */
    static final Metric CALIBRATION_PAIR_ORDER_FLIP = new Metric(false, ReportKeys.PAIR_ORDER_FLIP,
            "calibration band pair-order flip", 4);
    /** Calibration slice-boundary Jaccard. */
    static final Metric CALIBRATION_JACCARD = new Metric(false, ReportKeys.BOUNDARY_JACCARD,
            "calibration slice-boundary Jaccard", 4);

    /** The report's bits x solver tables. */
    static final List<Metric> REPORT_TABLES = List.of(TEST_ACCURACY, TEST_FLIP, TEST_BAND_FLIP, TEST_PAIR_ORDER_FLIP,
            TEST_JACCARD, TEST_DISPLACEMENT, CALIBRATION_JACCARD);
    /** The summary's bits x solver tables. */
    static final List<Metric> SUMMARY_TABLES = List.of(TEST_ACCURACY, TEST_FLIP, TEST_JACCARD);

    /** @return the metric's seed statistics over some variants */
    MeanStd of(List<Variant> variants) {
        return test ? Results.test(variants, key) : Results.calibration(variants, key);
    }
}
