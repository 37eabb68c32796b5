package org.barq.api.data;

import java.util.Locale;
import java.util.Optional;
import org.barq.api.InvalidInputException;

/**
 * How to split a data set (FORMULATION §1): {@code test} takes {@code testFraction} of all samples (unless the
 * data set ships its own test part), calibration takes {@code calibrationFraction} of the rest, capped at
 * {@code calibrationMax} samples, and train takes the remainder.
 *
 * @param testFraction        in (0, 1); digits default 0.25
 * @param calibrationFraction in (0, 1); default 0.2
 * @param calibrationMax      at least 1; caps the calibration set on large data sets
 */
public record SplitSpec(double testFraction, double calibrationFraction, int calibrationMax) {

    /** The default cap of the calibration split: a band of 256 at beta 0.2. */
    public static final int DEFAULT_CALIBRATION_MAX = 1280;
    /** The defaults of FORMULATION §1, with calibration capped at {@link #DEFAULT_CALIBRATION_MAX} samples. */
    public static final SplitSpec DEFAULT = new SplitSpec(0.25, 0.2, DEFAULT_CALIBRATION_MAX);

    /**
     * @param max the calibration cap
     * @return the default fractions with that cap
     */
    public static SplitSpec withCalibrationMax(int max) {
        return new SplitSpec(DEFAULT.testFraction(), DEFAULT.calibrationFraction(), max);
    }

    /** Validates the fractions and the cap. */
    public SplitSpec {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidInputException("test fraction " + testFraction + " must lie in (0, 1). Maybe 0.25?");
        }
        if (!(calibrationFraction > 0 && calibrationFraction < 1)) {
            throw new InvalidInputException("calibration fraction " + calibrationFraction + " must lie in (0, 1)."
                    + " Maybe 0.2?");
        }
        if (calibrationMax < 1) {
            throw new InvalidInputException("calibration size cap " + calibrationMax + " must be at least 1. Maybe "
                    + DEFAULT_CALIBRATION_MAX + "?");
        }
    }

    /**
     * @param calibrationSize the calibration samples a split with this spec holds
     * @param capName         how the user gave the cap, e.g. {@code --calibration-max}
     * @return a note when the split holds fewer samples than the cap asks for (the fraction decides then), so that a
     *         cap larger than the data allows is not dropped silently; empty otherwise
     */
    public Optional<String> shortOfCap(int calibrationSize, String capName) {
        if (calibrationSize >= calibrationMax) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "note: the calibration split holds %d samples, fewer than %s %d"
                + " asks for: it takes %.0f %% of what the test split leaves.", calibrationSize, capName,
                calibrationMax, 100 * calibrationFraction));
    }
}
