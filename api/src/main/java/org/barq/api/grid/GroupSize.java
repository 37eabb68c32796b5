package org.barq.api.grid;

import java.util.ArrayList;
import java.util.List;
import org.barq.api.InvalidInputException;

/**
 * The group size of one layer: how many consecutive inputs of a row share a scale. A requested size of 0 means one
 * scale per row, which is a group as wide as the layer; any other size must divide the layer's width.
 */
public final class GroupSize {
    private GroupSize() {
    }

    /**
     * @param requested the grid's group size, 0 for one scale per row
     * @param width     the layer's inputs (a conv layer's {@code in * kh * kw})
     * @return the layer's group size, in {@code [1, width]}, dividing {@code width}
     * @throws InvalidInputException naming both values, with sizes that would work
     */
    public static int of(int requested, int width) {
        if (requested == 0) {
            return width;
        }
        if (!divides(requested, width)) {
            throw new InvalidInputException("group size " + requested + " does not divide the layer's width " + width
                    + ". Maybe " + hint(requested, width) + "?");
        }
        return requested;
    }

    /** @return true when {@code size} is a positive divisor of {@code width} */
    public static boolean divides(int size, int width) {
        return size >= 1 && size <= width && width % size == 0;
    }

    /**
     * @param requested a group size that does not divide {@code width}
     * @param width     a width, or the greatest common divisor of several, so that the sizes named fit them all
     * @return the nearest divisors of {@code width} below and above {@code requested} and 0, e.g.
     *         {@code 4 or 8, or 0 for one scale per row}
     */
    public static String hint(int requested, int width) {
        int below = 0;
        int above = 0;
        for (int d = 1; d <= width; d++) {
            if (width % d == 0 && d < requested) {
                below = d;
            } else if (width % d == 0 && d > requested && above == 0) {
                above = d;
            }
        }
        List<String> sizes = new ArrayList<>();
        // A group of one input is one scale per weight: a divisor, but not a hint worth giving.
        if (below > 1) {
            sizes.add(Integer.toString(below));
        }
        if (above > 0) {
            sizes.add(Integer.toString(above));
        }
        return (sizes.isEmpty() ? "" : String.join(" or ", sizes) + ", or ") + "0 for one scale per row";
    }
}
