package org.barq.api.model;

import java.util.Arrays;
import org.barq.api.InvalidInputException;
import org.barq.api.grid.GridSpec;

/**
 * The integer form of one rounded layer: codes {@code q} (I8, row-major {@code [out, in]}) and one F32 scale per
 * row. The dequantized weight is {@code scale[r] * (float) q} in F32, exactly (FORMULATION §6).
 *
 * @param out    rows
 * @param in     columns
 * @param codes  row-major codes, each within the bit width's range
 * @param scales one positive scale per row
 */
public record QuantizedLayer(int out, int in, byte[] codes, float[] scales) {

    /** Validates the sizes. */
    public QuantizedLayer {
        if (codes.length != (long) out * in) {
            throw new InvalidInputException("codes have " + codes.length + " values but shape [" + out + ", " + in
                    + "] needs " + ((long) out * in) + ".");
        }
        if (scales.length != out) {
            throw new InvalidInputException("scales have " + scales.length + " values but the layer has " + out + " rows.");
        }
        codes = codes.clone();
        scales = scales.clone();
    }

    /** @return the dequantized weights, row-major, F32 */
    public float[] dequantized() {
        float[] w = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            w[i] = scales[i / in] * (float) codes[i];
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
        return o instanceof QuantizedLayer q && q.out == out && q.in == in && Arrays.equals(q.codes, codes)
                && Arrays.equals(q.scales, scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "QuantizedLayer[" + out + "x" + in + "]";
    }
}
