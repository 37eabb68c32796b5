package org.barq.api.grid;

import org.barq.api.InvalidInputException;

/**
 * A symmetric grid: {@code { s * q : q in [-2^(b-1), 2^(b-1) - 1] }} (FORMULATION §2), with one scale {@code s} per
 * row, or per group of {@code groupSize} consecutive inputs of a row.
 *
 * @param bits      the bit width {@code b}, 2 to 8
 * @param method    how the scales are chosen
 * @param groupSize inputs that share a scale; 0 for one scale per row. A layer's width must be a multiple of it
 *                  ({@link GroupSize#of}); a group as wide as the layer is one scale per row
 */
public record GridSpec(int bits, ScaleMethod method, int groupSize) {
    /** The smallest supported bit width. */
    public static final int MIN_BITS = 2;
    /** The largest supported bit width (codes are stored as I8). */
    public static final int MAX_BITS = 8;

    /** Validates the bit width and the group size. */
    public GridSpec {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new InvalidInputException("bits " + bits + " is out of range: use " + MIN_BITS + " to " + MAX_BITS
                    + ". Maybe " + Math.max(MIN_BITS, Math.min(MAX_BITS, bits)) + "?");
        }
        if (method == null) {
            throw new InvalidInputException("grid scale method is missing. Maybe absmax or mse?");
        }
        if (groupSize < 0) {
            throw new InvalidInputException("group size " + groupSize + " is negative. Maybe 0 for one scale per row,"
                    + " or a width such as 32 that divides every layer's inputs?");
        }
    }

    /**
     * One scale per row.
     *
     * @param bits   the bit width {@code b}, 2 to 8
     * @param method how the scales are chosen
     */
    public GridSpec(int bits, ScaleMethod method) {
        this(bits, method, 0);
    }

    /** @return {@code qmin = -2^(b-1)} */
    public int qmin() {
        return -(1 << (bits - 1));
    }

    /** @return {@code qmax = 2^(b-1) - 1} */
    public int qmax() {
        return (1 << (bits - 1)) - 1;
    }
}
