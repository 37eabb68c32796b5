package org.barq.report;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.barq.api.InvalidInputException;

/**
 * The viewer's compact form of a grid of small values (labels, 0/1 masks): run lengths over the row-major cells, as
 * byte pairs {@code (value, count)} with {@code 1 <= count <= 255}, in base64. A 200 x 200 label grid of a few regions
 * is 40,000 cells but a few kilobytes this way; the page decodes it in one loop ({@code view.js}, {@code runs}).
 */
final class RunLengths {
    private static final int MAX_RUN = 255;

    private RunLengths() {
    }

    /**
     * @param values each in {@code [0, 255]}
     * @return the runs in base64
     * @throws InvalidInputException for a value outside a byte
     */
    static String encode(int[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < values.length) {
            int value = values[i];
            if (value < 0 || value > MAX_RUN) {
                throw new InvalidInputException("the viewer stores labels as bytes, but a cell has label " + value
                        + ". Maybe a model of more than 256 classes?");
            }
            int run = 1;
            while (i + run < values.length && values[i + run] == value && run < MAX_RUN) {
                run++;
            }
            out.write(value);
            out.write(run);
            i += run;
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** @return the runs of a mask, true as 1 */
    static String encode(boolean[] mask) {
        int[] values = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            values[i] = mask[i] ? 1 : 0;
        }
        return encode(values);
    }
}
