package org.barq.api.model;

import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;
import org.barq.api.grid.GroupSize;

/**
 * The integer form of one rounded layer: codes {@code q} (I8, row-major {@code [out, in]}) and F32 scales, one per
 * row and group of {@code groupSize} consecutive inputs (row-major {@code [out, in / groupSize]}; one per row when
 * {@code groupSize == in}). The dequantized weight {@code (r, j)} is {@code scale(r, j) * (float) q} in F32, exactly
 * (FORMULATION §6).
 *
 * @param out       rows
 * @param in        columns
 * @param groupSize inputs sharing a scale, in {@code [1, in]}, dividing {@code in}; {@code in} for one scale per row
 * @param codes     row-major codes, each within the bit width's range
 * @param scales    positive scales, row-major {@code [out, in / groupSize]}
 */
public record QuantizedLayer(int out, int in, int groupSize, byte[] codes, float[] scales) {

    /** Validates the sizes. */
    public QuantizedLayer {
        if (codes.length != (long) out * in) {
            throw new InvalidInputException("codes have " + codes.length + " values but shape [" + out + ", " + in
                    + "] needs " + ((long) out * in) + ".");
        }
        if (!GroupSize.divides(groupSize, in)) {
            throw new InvalidInputException("group size " + groupSize + " does not divide the layer's width " + in
                    + ". Maybe " + (in < 1 ? "the layer is empty" : GroupSize.hint(groupSize, in)) + "?");
        }
        if (scales.length != (long) out * (in / groupSize)) {
            throw new InvalidInputException("scales have " + scales.length + " values but the layer has " + out
                    + " rows of " + (in / groupSize) + (groupSize == in ? " scale" : " groups") + ".");
        }
        codes = codes.clone();
        scales = scales.clone();
    }

    /**
     * One scale per row.
     *
     * @param out    rows
     * @param in     columns
     * @param codes  row-major codes
     * @param scales one positive scale per row
     */
    public QuantizedLayer(int out, int in, byte[] codes, float[] scales) {
        this(out, in, in, codes, scales);
    }

    /** @return scales per row, {@code in / groupSize} */
    public int groups() {
        return in / groupSize;
    }

    /** @return the scale of weight {@code (r, j)} */
    public float scale(int r, int j) {
        return scales[r * groups() + j / groupSize];
    }

    /** @return the dequantized weights, row-major, F32, each with its own group's scale */
    public float[] dequantized() {
        float[] w = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            w[i] = scale(i / in, i % in) * (float) codes[i];
        }
        return w;
    }

    /**
     * @param bits the bit width the codes claim
     * @throws InvalidInputException naming the first code outside {@code [-2^(b-1), 2^(b-1)-1]}
     */
    public void requireRange(int bits) {
        GridSpec spec = new GridSpec(bits, org.barq.api.grid.ScaleMethod.ABSMAX);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < spec.qmin() || codes[i] > spec.qmax()) {
                throw new InvalidInputException("code " + codes[i] + " at [" + (i / in) + ", " + (i % in)
                        + "] is outside the " + bits + "-bit range [" + spec.qmin() + ", " + spec.qmax() + "].");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedLayer q && q.out == out && q.in == in && q.groupSize == groupSize
                && Arrays.equals(q.codes, codes) && Arrays.equals(q.scales, scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "QuantizedLayer[" + out + "x" + in + (groupSize == in ? "" : ", groups of " + groupSize) + "]";
    }
}
