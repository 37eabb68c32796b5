package org.barq.api.model;

import java.util.Arrays;
import org.barq.api.InvalidInputException;

/**
 * How raw features become model inputs: {@code x = (raw - offset) * scale}, per feature. Digits use a uniform
 * scale of 1/16, MNIST 1/255, tabular data min-max from the training split (FORMULATION §1).
 *
 * @param offset per-feature offset, or a single value applied to every feature
 * @param scale  per-feature multiplier, or a single value applied to every feature
 */
public record InputScaling(double[] offset, double[] scale) {

    /** Validates that both arrays are non-empty and finite, and the scales positive. */
    public InputScaling {
        if (offset.length == 0 || scale.length == 0) {
            throw new InvalidInputException("input scaling needs at least one offset and one scale.");
        }
        for (double s : scale) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new InvalidInputException("input scale " + s + " must be positive and finite.");
            }
        }
        for (double o : offset) {
            if (!Double.isFinite(o)) {
                throw new InvalidInputException("input offset " + o + " must be finite.");
            }
        }
        offset = offset.clone();
        scale = scale.clone();
    }

    /** @return the uniform scaling {@code x = raw * scale} */
    public static InputScaling uniform(double scale) {
        return new InputScaling(new double[] {0.0}, new double[] {scale});
    }

    /** @return true when one offset of 0 and one scale apply to every feature */
    public boolean isUniform() {
        return offset.length == 1 && scale.length == 1 && offset[0] == 0.0;
    }

    /**
     * @param raw     a raw feature value
     * @param feature its index
     * @return the scaled input
     */
    public double apply(double raw, int feature) {
        double o = offset.length == 1 ? offset[0] : offset[feature];
        double s = scale.length == 1 ? scale[0] : scale[feature];
        return (raw - o) * s;
    }

    /**
     * @param features the model's input width
     * @throws InvalidInputException if a per-feature scaling has another width
     */
    public void requireWidth(int features) {
        if ((offset.length != 1 && offset.length != features) || (scale.length != 1 && scale.length != features)) {
            throw new InvalidInputException("input scaling has " + Math.max(offset.length, scale.length)
                    + " entries but the model takes " + features + " features.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputScaling s && Arrays.equals(s.offset, offset) && Arrays.equals(s.scale, scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offset) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "InputScaling[offset=" + Arrays.toString(offset) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
