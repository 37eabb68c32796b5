package org.barq.api.grid;

import org.barq.api.InvalidInputException;

/**
 * A symmetric per-row grid: {@code { s_r * q : q in [-2^(b-1), 2^(b-1) - 1] }} (FORMULATION §2).
 *
 * @param bits   the bit width {@code b}, 2 to 8
 * @param method how the scales are chosen
 */
public record GridSpec(int bits, ScaleMethod method) {
    /** The smallest supported bit width. */
    public static final int MIN_BITS = 2;
    /** The largest supported bit width (codes are stored as I8). */
    public static final int MAX_BITS = 8;

    /** Validates the bit width. */
    public GridSpec {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new InvalidInputException("bits " + bits + " is out of range: use " + MIN_BITS + " to " + MAX_BITS + ".");
        }
        if (method == null) {
            throw new InvalidInputException("grid scale method is missing. Maybe absmax or mse?");
        }
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
